import type {} from '@fastify/cookie';
import { userRoles } from '@pairwise/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DateTime } from 'luxon';
import { z } from 'zod';
import { type Clock, systemClock, utcNow } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { parseJsonColumn } from '../db/json-column.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { Actor } from './actor.ts';
import { hashToken, randomToken } from './tokens.ts';

/** A user's roles as the users table stores them (a JSON array), read on every signed-in request. */
const storedRoles = z.array(z.enum(userRoles));

export const SESSION_COOKIE = 'pw_session';

/**
 * Recording every request would write on every read; a session's idle clock only needs
 * minute precision when it runs for hours.
 */
const TOUCH_AFTER_MINUTES = 1;

/** Enough for every signed-in person of a large organisation; beyond it the oldest are read again. */
const SESSION_CACHE_ENTRIES = 10_000;

interface CachedSession {
  actor: Actor;
  readAt: number;
  /** When the read's own answer could differ: the cache's time, expiry, idling or the minute's touch. */
  staleAt: number;
}

/** Who a session is started for, as the sessions list shows it later. */
export interface SessionClient {
  ip: string;
  userAgent: string | null;
}

/** A session just started: the token goes into the cookie and is stored only as its hash. */
export interface StartedSession {
  token: string;
  expiresAt: string;
}

/** The client of a request, for `start`. */
export function sessionClient(request: FastifyRequest): SessionClient {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** What a user sees to choose a session by: derived from the stored hash, so it opens nothing. */
const publicId = (tokenHash: string) => hashToken(tokenHash).slice(0, 32);

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly ttlHours: number,
    private readonly secureCookies: boolean,
    private readonly idleHours = 12,
    private readonly clock: Clock = systemClock,
    /** 0: every request reads its session (several nodes on one PostgreSQL). */
    private readonly cacheMs = 0,
  ) {}

  /** Resolved sessions by token hash, oldest first (a Map keeps insertion order). */
  private readonly cache = new Map<string, CachedSession>();
  /**
   * Counts forgets: a read that was under way while one happened may hold what was just changed,
   * so its answer is not kept.
   */
  private forgets = 0;

  /**
   * A user's sessions are read again at their next request: after a change to their roles, name,
   * password or whether they may sign in at all.
   */
  forgetUser(userId: string): void {
    this.forgets++;
    for (const [tokenHash, entry] of this.cache) {
      if (entry.actor.id === userId) this.cache.delete(tokenHash);
    }
  }

  /** Read on every API request: compiled once. */
  private readonly sessionOf = preparedQuery(['tokenHash'] as const, (slot) =>
    this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.roles',
        'users.active',
        'sessions.expires_at',
        'sessions.created_at',
        'sessions.last_seen_at',
      ])
      .where('sessions.token_hash', '=', slot.tokenHash),
  );

  private now(): DateTime<true> {
    return utcNow(this.clock);
  }

  /**
   * Always a fresh random token: a session id planted before sign-in never becomes signed in.
   * Answers the token for the route to set as the cookie (`setCookie`), so services that sign
   * someone in never touch the HTTP reply.
   */
  async start(userId: string, client: SessionClient): Promise<StartedSession> {
    const token = randomToken();
    const now = this.now();
    const expiresAt = now.plus({ hours: this.ttlHours }).toISO();
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        created_at: now.toISO(),
        expires_at: expiresAt,
        last_seen_at: now.toISO(),
        user_agent: client.userAgent?.slice(0, 300) ?? null,
        ip: client.ip,
      })
      .execute();
    return { token, expiresAt };
  }

  /** The session cookie for a session `start` answered. */
  setCookie(reply: FastifyReply, session: StartedSession): void {
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      maxAge: this.ttlHours * 3600,
    });
  }

  clearCookie(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  async end(actor: Actor): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', actor.sessionTokenHash).execute();
    this.forget(actor.sessionTokenHash);
  }

  /** After a password change or when an admin disables the user; `keep` spares the caller's own. */
  async endAllForUser(userId: string, keep?: string): Promise<number> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keep) query = query.where('token_hash', '!=', keep);
    const ended = Number((await query.executeTakeFirst()).numDeletedRows);
    this.forgetUser(userId);
    return ended;
  }

  async list(actor: Actor): Promise<SessionSummary[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', actor.id)
      .where('expires_at', '>', this.now().toISO())
      .orderBy('created_at', 'desc')
      .execute();
    return rows
      .filter((row) => !this.idle(row))
      .map((row) => ({
        id: publicId(row.token_hash),
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at ?? row.created_at,
        userAgent: row.user_agent,
        ip: row.ip,
        current: row.token_hash === actor.sessionTokenHash,
      }));
  }

  /** Ends one of the actor's own sessions by its public id; false when there is no such session. */
  async endById(actor: Actor, id: string): Promise<boolean> {
    const rows = await this.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', actor.id)
      .execute();
    const match = rows.find((row) => publicId(row.token_hash) === id);
    if (!match) return false;
    await this.db.deleteFrom('sessions').where('token_hash', '=', match.token_hash).execute();
    this.forget(match.token_hash);
    return true;
  }

  async resolve(token: string | undefined): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const tokenHash = hashToken(token);
    // Plain Date arithmetic: this runs on every request, and Luxon's DateTime costs more per call.
    const now = this.clock().getTime();
    const cached = this.cacheMs > 0 ? this.cache.get(tokenHash) : undefined;
    if (cached) {
      if (now >= cached.readAt && now < cached.staleAt)
        return { ...cached.actor, roles: [...cached.actor.roles] };
      this.cache.delete(tokenHash);
    }
    const forgets = this.forgets;
    const [row] = (await this.sessionOf(this.db, { tokenHash })).rows;
    if (row?.active !== 1 || row.expires_at <= isoAt(now)) return null;
    if (this.idle(row)) {
      await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      return null;
    }
    let lastSeen = row.last_seen_at ?? row.created_at;
    if (lastSeen <= isoAt(now - TOUCH_AFTER_MINUTES * 60_000)) {
      lastSeen = isoAt(now);
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeen })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    const actor: Actor = {
      id: row.id,
      email: row.email,
      name: row.name,
      roles: parseJsonColumn(storedRoles, row.roles),
      sessionTokenHash: tokenHash,
    };
    if (this.cacheMs > 0 && forgets === this.forgets) {
      const seen = Date.parse(lastSeen);
      const staleAt = Math.min(
        now + this.cacheMs,
        Date.parse(row.expires_at),
        seen + TOUCH_AFTER_MINUTES * 60_000,
        seen + this.idleHours * 3_600_000,
      );
      this.remember(tokenHash, { actor, readAt: now, staleAt });
    }
    return { ...actor, roles: [...actor.roles] };
  }

  private forget(tokenHash: string): void {
    this.forgets++;
    this.cache.delete(tokenHash);
  }

  private remember(tokenHash: string, entry: CachedSession): void {
    this.cache.delete(tokenHash);
    this.cache.set(tokenHash, entry);
    if (this.cache.size > SESSION_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }

  private idle(row: { created_at: string; last_seen_at: string | null }): boolean {
    const lastSeen = row.last_seen_at ?? row.created_at;
    return lastSeen <= isoAt(this.clock().getTime() - this.idleHours * 3_600_000);
  }
}

/** The same ISO-8601 UTC text Luxon writes (`2026-12-07T07:12:40.469Z`), so stored times compare as text. */
const isoAt = (epochMs: number): string => {
  const at = new Date(epochMs);
  if (Number.isNaN(at.getTime())) throw new Error('The clock returned an invalid date.');
  return at.toISOString();
};

export function registerSessionResolution(app: FastifyInstance, sessions: SessionStore): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = request.url.startsWith('/api/')
      ? await sessions.resolve(request.cookies[SESSION_COOKIE])
      : null;
  });
}
