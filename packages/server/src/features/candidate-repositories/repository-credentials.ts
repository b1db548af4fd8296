import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { loadServerKey } from '../../platform/auth/server-key.ts';

/**
 * Candidate repository credentials (decision 012). The password is never stored: it is derived
 * from a server key, the interview and a generation number, so the candidate's portal and the
 * navigator can show it again whenever the window is open, while the database holds only its
 * SHA-256. Rotating raises the generation, which changes the password and its hash.
 */
export class RepositoryCredentials {
  private constructor(private readonly key: Buffer) {}

  /** Reads the key from the data folder, creating it on first start (several nodes share the folder). */
  static async load(dataDir: string): Promise<RepositoryCredentials> {
    return new RepositoryCredentials(await loadServerKey(dataDir, 'repository-credentials'));
  }

  /** 32 base64url characters: 192 bits, and safe unquoted in a shell and a credential helper. */
  password(interviewId: string, generation: number): string {
    return createHmac('sha256', this.key)
      .update(`pairwise candidate repository\0${interviewId}\0${generation}`)
      .digest('base64url')
      .slice(0, 32);
  }
}

export function hashPassword(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}

/**
 * Constant-time over hashes of equal length, so neither the stored hash nor the username leaks
 * through timing; an unknown repository takes the same path with a stand-in.
 */
export function credentialsMatch(
  stored: { username: string; passwordHash: string } | undefined,
  given: { username: string; password: string },
): boolean {
  const expected = stored ?? { username: '', passwordHash: '0'.repeat(64) };
  const usernameMatches = timingSafeEqual(digest(expected.username), digest(given.username));
  const passwordMatches = timingSafeEqual(
    Buffer.from(expected.passwordHash, 'hex'),
    Buffer.from(hashPassword(given.password), 'hex'),
  );
  return stored !== undefined && usernameMatches && passwordMatches;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += BASE32[byte % 32];
  return text;
}

/**
 * The candidate's clone lands in a folder with this name, so it says what the task is; the
 * random part keeps two interviews of one task apart. No candidate data: URLs end up in logs.
 */
export function newRepositorySlug(taskTitle: string): string {
  const words = taskTitle
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${words || 'task'}-${randomBase32(8)}`;
}

export function newRepositoryUsername(): string {
  return `candidate-${randomBase32(8)}`;
}
