import { AppError, type FirstRunSetupRequest } from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { SessionClient } from '../../platform/auth/sessions.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { SignedIn, UsersService } from '../users/service.ts';
import type { FirstRunSetupRepository } from './repository.ts';

// Nodes started together (several on one PostgreSQL database) each print a link and all work; a
// restart later, say because a link leaked, voids the earlier ones.
const STARTED_TOGETHER_MINUTES = 10;
const VALID_HOURS = 24;

/** First-run setup: a one-time link lets the first person create the admin account. */
export class FirstRunSetupService {
  constructor(
    private readonly links: FirstRunSetupRepository,
    private readonly users: UsersService,
  ) {}

  async needed(): Promise<boolean> {
    return (await this.users.countAdmins()) === 0;
  }

  /**
   * A fresh link on every start while no admin exists; the printed link is the only copy. Links
   * printed in the last few minutes stay valid, so a second node starting beside the first does
   * not void the first one's link; whichever is used first consumes them all.
   */
  async issueToken(): Promise<string | null> {
    if (!(await this.needed())) return null;
    const token = randomToken();
    const now = DateTime.utc();
    await this.links.deleteLinksPrintedBefore(now.minus({ minutes: STARTED_TOGETHER_MINUTES }).toISO());
    await this.links.insertLink(hashToken(token), now.toISO());
    return token;
  }

  /** Creates the first admin and signs them in; the route sets the session's cookie. */
  async complete(request: FirstRunSetupRequest, client: SessionClient): Promise<SignedIn> {
    const validSince = DateTime.utc().minus({ hours: VALID_HOURS }).toISO();
    if (!(await this.links.consumeAllWith(hashToken(request.token), validSince)) || !(await this.needed())) {
      throw new AppError(
        'forbidden',
        `This setup link is not valid (a link works once, for ${VALID_HOURS} hours). Restart Pairwise to print a new one.`,
      );
    }
    return this.users.createFirstAdmin(request, client);
  }
}
