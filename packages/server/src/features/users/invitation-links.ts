import { createHmac } from 'node:crypto';
import { loadServerKey } from '../../platform/auth/server-key.ts';

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
    return new InvitationLinks(await loadServerKey(dataDir, 'invitation-links'));
  }

  /** 256 bits, URL-safe, like every other Pairwise link token. */
  token(userId: string, expiresAt: string): string {
    return createHmac('sha256', this.key)
      .update(`pairwise colleague invitation\0${userId}\0${expiresAt}`)
      .digest('base64url');
  }
}
