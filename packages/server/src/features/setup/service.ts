import { AppError, type SetupRequest } from '@pairwise/domain';
import type { FastifyReply } from 'fastify';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UsersService } from '../users/service.ts';

const SETTING = 'setup_token_hash';

/** First start: a one-time link lets the first person create the admin account. */
export class SetupService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersService,
  ) {}

  async needed(): Promise<boolean> {
    return (await this.users.countAdmins()) === 0;
  }

  /** A fresh link on every start while no admin exists; the printed link is the only copy. */
  async issueToken(): Promise<string | null> {
    if (!(await this.needed())) return null;
    const token = randomToken();
    await this.db.deleteFrom('settings').where('key', '=', SETTING).execute();
    await this.db
      .insertInto('settings')
      .values({ key: SETTING, value: hashToken(token) })
      .execute();
    return token;
  }

  async complete(reply: FastifyReply, request: SetupRequest) {
    // Consuming the token is one conditional delete, so two racing submissions cannot both win.
    const consumed = await this.db
      .deleteFrom('settings')
      .where('key', '=', SETTING)
      .where('value', '=', hashToken(request.token))
      .executeTakeFirst();
    if (Number(consumed.numDeletedRows) !== 1 || !(await this.needed())) {
      throw new AppError('forbidden', 'This setup link is not valid. Restart Pairwise to print a new one.');
    }
    return this.users.createFirstAdmin(reply, request);
  }
}
