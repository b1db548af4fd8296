import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Colleague invitation links. Like repository credentials (decision 012), the token is derived
 * from a server key, the user and the link's expiry, so an admin can copy the link again from
 * the user list while the database holds only its SHA-256. Sending again makes a new expiry and
 * so a new link; the old one is deleted.
 */
export class InvitationLinks {
  private constructor(private readonly key: Buffer) {}

  /** Reads the key from the data folder, creating it on first start (several nodes share the folder). */
  static async load(dataDir: string): Promise<InvitationLinks> {
    const file = path.join(dataDir, 'secrets', 'invitation-links.key');
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // `wx` fails if another process created it first; then its key is the one to use.
      await writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (key.length < 32)
      throw new Error(`${file} does not hold a 256-bit key; delete it to create a new one.`);
    return new InvitationLinks(key);
  }

  /** 256 bits, URL-safe, like every other Pairwise link token. */
  token(userId: string, expiresAt: string): string {
    return createHmac('sha256', this.key)
      .update(`pairwise colleague invitation\0${userId}\0${expiresAt}`)
      .digest('base64url');
  }
}
