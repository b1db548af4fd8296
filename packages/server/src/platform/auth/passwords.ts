import { randomToken } from './tokens.ts';

// A native module of a few MB that only password sign-ins and the admin's setup use (single
// sign-on, API tokens and the portal never do): loaded at the first of those, not at start.
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const loadArgon2 = () => {
  argon2 ??= import('@node-rs/argon2');
  return argon2;
};

// @node-rs/argon2 defaults to argon2id with OWASP's recommended memory and time cost.
export const hashPassword = async (password: string) => (await loadArgon2()).hash(password);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const { hash, verify } = await loadArgon2();
  // Verify against a fixed hash when the user has none, so response time does not reveal
  // whether an email address has an account.
  unusableHash ??= hash(randomToken());
  return verify(passwordHash ?? (await unusableHash), password).catch(() => false);
}

let unusableHash: Promise<string> | undefined;
