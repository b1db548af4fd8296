import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadServerKey } from '../../platform/auth/server-key.ts';

/**
 * Calendar app passwords, encrypted at rest (AES-256-GCM) with a key in the data folder, so a
 * copy of the database alone does not open anyone's calendar. Unlike repository passwords they
 * cannot be derived: Pairwise must send the person's own secret to their calendar server. The
 * user id is bound in as associated data, so a ciphertext moved to another row does not decrypt.
 */
export class CalendarSecrets {
  private constructor(private readonly key: Buffer) {}

  static async load(dataDir: string): Promise<CalendarSecrets> {
    return new CalendarSecrets(await loadServerKey(dataDir, 'calendar-credentials'));
  }

  seal(userId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key.subarray(0, 32), iv);
    cipher.setAAD(Buffer.from(`pairwise calendar\0${userId}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  }

  open(userId: string, sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key.subarray(0, 32), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(`pairwise calendar\0${userId}`, 'utf8'));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
