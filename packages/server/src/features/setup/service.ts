import { AppError, type SetupRequest } from '@pairwise/domain';
import type { FastifyReply } from 'fastify';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UsersService } from '../users/service.ts';

// One settings row per link printed: `setup_token_hash:<hash>`.
const PREFIX = 'setup_token_hash';

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
   * printed before stay valid, so a second node starting on the same database does not void
   * the link the first one printed; whichever is used first consumes them all.
   */
  async issueToken(): Promise<string | null> {
    if (!(await this.needed())) return null;
    const token = randomToken();
    const hash = hashToken(token);
    await this.db
      .insertInto('settings')
      .values({ key: `${PREFIX}:${hash}`, value: hash })
      .execute();
    return token;
  }

  async complete(reply: FastifyReply, request: SetupRequest) {
    // Consuming is one conditional delete of every link, so two racing submissions (even with
    // links from different nodes) cannot both win.
    const consumed = await this.db
      .deleteFrom('settings')
      .where('key', 'like', `${PREFIX}%`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('settings as given')
            .select('given.key')
            .where('given.key', '=', `${PREFIX}:${hashToken(request.token)}`),
        ),
      )
      .executeTakeFirst();
    if (Number(consumed.numDeletedRows) === 0 || !(await this.needed())) {
      throw new AppError('forbidden', 'This setup link is not valid. Restart Pairwise to print a new one.');
    }
    return this.users.createFirstAdmin(reply, request);
  }
}
