import type {} from '@fastify/cookie';
import type { UserRole } from '@pairwise/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import type { Db } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { hashToken, randomToken } from './tokens.ts';

export const SESSION_COOKIE = 'pw_session';

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly ttlHours: number,
    private readonly secureCookies: boolean,
  ) {}

  async start(reply: FastifyReply, userId: string): Promise<void> {
    const token = randomToken();
    const now = DateTime.utc();
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        created_at: now.toISO(),
        expires_at: now.plus({ hours: this.ttlHours }).toISO(),
      })
      .execute();
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      maxAge: this.ttlHours * 3600,
    });
  }

  async end(reply: FastifyReply, actor: Actor): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', actor.sessionTokenHash).execute();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  async resolve(token: string | undefined): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const tokenHash = hashToken(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.email', 'users.name', 'users.roles', 'users.active', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row || row.active !== 1 || row.expires_at <= DateTime.utc().toISO()) return null;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      roles: JSON.parse(row.roles) as UserRole[],
      sessionTokenHash: tokenHash,
    };
  }
}

export function registerSessionResolution(app: FastifyInstance, sessions: SessionStore): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = request.url.startsWith('/api/')
      ? await sessions.resolve(request.cookies[SESSION_COOKIE])
      : null;
  });
}
