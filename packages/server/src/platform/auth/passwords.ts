import { hash, verify } from '@node-rs/argon2';
import { randomToken } from './tokens.ts';

// @node-rs/argon2 defaults to argon2id with OWASP's recommended memory and time cost.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Verify against a fixed hash when the user has none, so response time does not reveal
  // whether an email address has an account.
  unusableHash ??= hash(randomToken());
  return verify(passwordHash ?? (await unusableHash), password).catch(() => false);
}

let unusableHash: Promise<string> | undefined;
