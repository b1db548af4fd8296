import { AppError, type SetupRequest } from '@pairwise/domain';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UsersService } from '../users/service.ts';

// One settings row per link printed: key `setup_token_hash:<hash>`, value when it was printed.
const PREFIX = 'setup_token_hash';
// Nodes started together (several on one PostgreSQL database) each print a link and all work; a
// restart later, say because a link leaked, voids the earlier ones.
const STARTED_TOGETHER_MINUTES = 10;
const VALID_HOURS = 24;

/** First start: a one-time link lets the first person create the admin account. */
export class SetupService {
  constructor(
    private readonly db: Db,
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
    await this.db
      .deleteFrom('settings')
      .where('key', 'like', `${PREFIX}:%`)
      .where('value', '<', now.minus({ minutes: STARTED_TOGETHER_MINUTES }).toISO())
      .execute();
    await this.db
      .insertInto('settings')
      .values({ key: `${PREFIX}:${hashToken(token)}`, value: now.toISO() })
      .execute();
    return token;
  }

  async complete(reply: FastifyReply, request: SetupRequest) {
    // Consuming is one conditional delete of every link, so two racing submissions (even with
    // links from different nodes) cannot both win.
    const consumed = await this.db
      .deleteFrom('settings')
      .where('key', 'like', `${PREFIX}:%`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('settings as given')
            .select('given.key')
            .where('given.key', '=', `${PREFIX}:${hashToken(request.token)}`)
            .where('given.value', '>', DateTime.utc().minus({ hours: VALID_HOURS }).toISO()),
        ),
      )
      .executeTakeFirst();
    if (Number(consumed.numDeletedRows) === 0 || !(await this.needed())) {
      throw new AppError(
        'forbidden',
        `This setup link is not valid (a link works once, for ${VALID_HOURS} hours). Restart Pairwise to print a new one.`,
      );
    }
    return this.users.createFirstAdmin(reply, request);
  }
}
