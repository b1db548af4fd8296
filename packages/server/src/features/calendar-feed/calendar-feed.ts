import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AppError, calendarFeedApi, interviewerBlocks } from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import {
  buildCalendarFeed,
  type CalendarFeedEvent,
  timeSlicer,
} from '../../platform/calendar/calendar-invites.ts';
import { acceptsGzip } from '../../platform/http/accepts-gzip.ts';
import { defineRoute, fileBytes, implement } from '../../platform/http/route.ts';
import { blockMinutesOf, calendarUid, interviewUrlFor } from '../invitations/invitation-mail.ts';
import { PORTAL_RATE_LIMIT } from '../portal/routes.ts';
import type { CalendarFeedRepository } from './repository.ts';

/**
 * The feed covers a window: past interviews stay this long, so last week's blocks do not vanish
 * from calendars, and interviews are listed up to a year ahead. A subscribed calendar shows what
 * its last fetch held, so an interview older than the window leaves it; the blocks mailed with the
 * invitation (same UIDs) stay in the calendar that accepted them.
 */
const FEED_PAST_DAYS = 30;
const FEED_AHEAD_DAYS = 365;
/** Part of the feed's entity tag: change it when the rendering changes, so calendars fetch again. */
const FEED_VERSION = 4;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** A busy interviewer's feed is under 1 MB: this keeps the last few dozen in memory at most. */
const RENDERED_FEEDS_MAX_BYTES = 32 * 1024 * 1024;

const gzipped = promisify(gzip);

/**
 * A rendering as it is sent: its bytes, and gzipped for the calendar apps that ask for it (all
 * the common ones do). A busy interviewer's 487 kB feed is ~54 kB gzipped; compressed once per
 * rendering, in zlib's thread pool, every later download of it costs no compression at all.
 */
export interface RenderedFeed {
  body: Buffer;
  gzip: Buffer;
}

async function renderedFeed(text: string): Promise<RenderedFeed> {
  const body = Buffer.from(text, 'utf8');
  return { body, gzip: await gzipped(body) };
}

/** Least recently used renderings, bounded by their total size; one per user at most. */
class RenderedFeeds {
  private readonly entries = new Map<string, { key: string; feed: RenderedFeed }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): RenderedFeed | undefined {
    const userId = key.slice(0, key.indexOf(' '));
    const entry = this.entries.get(userId);
    if (entry?.key !== key) return undefined;
    this.entries.delete(userId);
    this.entries.set(userId, entry);
    return entry.feed;
  }

  set(key: string, feed: RenderedFeed): void {
    const userId = key.slice(0, key.indexOf(' '));
    this.drop(userId);
    const size = feed.body.length + feed.gzip.length;
    if (size > this.maxBytes) return;
    this.entries.set(userId, { key, feed });
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(userId: string): void {
    const entry = this.entries.get(userId);
    if (!entry) return;
    this.bytes -= entry.feed.body.length + entry.feed.gzip.length;
    this.entries.delete(userId);
  }
}

const feedNotFound = () =>
  new AppError(
    'not_found',
    'This calendar link is not active. Create a new one in Pairwise under your account.',
  );

// The service and its routes; the SQL is in repository.ts.
/**
 * Each user's private subscription feed of their own Pairwise blocks. The URL is a bearer
 * secret that ends up in third-party calendar services, so the feed carries only what an
 * interviewer's invite carries: titles, times and a link, never candidate details.
 */
export class CalendarFeedService {
  /** The last renderings by user and tag, so a calendar app that polls without a tag is cheap. */
  private readonly rendered = new RenderedFeeds(RENDERED_FEEDS_MAX_BYTES);
  private readonly rendering = new Map<string, Promise<RenderedFeed>>();

  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly publicUrl: () => string,
  ) {}

  async state(actor: Actor) {
    const createdAt = await this.feeds.tokenCreatedAt(actor.id);
    return { active: createdAt !== null, createdAt };
  }

  /** A new feed URL; the previous one stops working at once. Only its hash is stored. */
  async rotate(actor: Actor) {
    const token = randomToken();
    const createdAt = DateTime.utc().toISO();
    await this.feeds.replaceToken(actor.id, hashToken(token), createdAt);
    return { url: `${this.publicUrl()}/calendar/${token}.ics`, createdAt };
  }

  async revoke(actor: Actor): Promise<void> {
    await this.feeds.deleteToken(actor.id);
  }

  /** The feed and its entity tag: calendar apps poll it, and a 304 spares them the download. */
  async feed(token: string, ifNoneMatch?: string): Promise<{ feed: RenderedFeed | null; etag: string }> {
    if (!TOKEN_SHAPE.test(token)) throw feedNotFound();
    const tokenHash = hashToken(token);
    const owner = await this.feeds.ownerOfToken(tokenHash);
    if (owner?.active !== 1) throw feedNotFound();
    const window = feedWindow(DateTime.utc());
    // The tag names the feed's revision, which the database raises in the same transaction as any
    // change to a row the feed is made of (migration 035), and its window, which moves once a day:
    // a 304 reads one row, and an unchanged feed is never rendered twice. The token's hash keeps a
    // new link's revisions apart from an old one's.
    const etag = `"${createHash('sha256')
      .update(`${FEED_VERSION}\n${this.publicUrl()}\n${tokenHash}\n${window.since}\n${owner.revision}`)
      .digest('base64url')
      .slice(0, 32)}"`;
    if (matchesEtag(ifNoneMatch, etag)) return { feed: null, etag };
    const key = `${owner.id} ${etag}`;
    let feed = this.rendered.get(key);
    if (feed === undefined) {
      // Calendar apps of one user often poll at once: they share one rendering. The revision was
      // read before the rows, so a change committed meanwhile is rendered early, never missed: it
      // raised the revision, and the next request renders again.
      let pending = this.rendering.get(key);
      if (!pending) {
        pending = this.render(owner.id, window);
        this.rendering.set(key, pending);
        pending.finally(() => this.rendering.delete(key)).catch(() => undefined);
      }
      feed = await pending;
      this.rendered.set(key, feed);
    }
    return { feed, etag };
  }

  private async render(userId: string, window: FeedWindow): Promise<RenderedFeed> {
    return renderedFeed(
      await buildCalendarFeed({
        name: 'Pairwise',
        description: 'Your interview blocks from Pairwise',
        events: await this.events(userId, await this.source(userId, window)),
      }),
    );
  }

  /** What the user's feed is made of: their interviews in the window, and the sequences mailed to them. */
  private async source(userId: string, window: FeedWindow) {
    const { ids, shadowOf } = await this.feeds.interviewsInWindow(userId, window.since, window.until);
    if (ids.length === 0) return { rows: [], sent: [], shadowOf };
    const rows = await this.feeds.feedRows(ids);
    if (rows.length === 0) return { rows, sent: [], shadowOf };
    const sent = await this.feeds.sentSequences(
      userId,
      rows.map((row) => row.id),
    );
    return { rows, sent, shadowOf };
  }

  private async events(userId: string, source: FeedSource): Promise<CalendarFeedEvent[]> {
    const sequences = new Map(source.sent.map((row) => [row.uid, row.sequence]));
    const { shadowOf } = source;
    const slice = timeSlicer();
    const events: CalendarFeedEvent[] = [];
    for (const row of source.rows) {
      await slice();
      const onPanel = row.navigator_id === userId || shadowOf.has(row.id);
      const url = interviewUrlFor(this.publicUrl(), row.id);
      const blocks = interviewerBlocks({
        startsAt: row.starts_at,
        ...blockMinutesOf(row),
        positionTitle: row.position_title,
        taskTitle: row.task_title,
        lineManagerName: row.line_manager_name,
      }).filter((block) => onPanel || block.kind === 'debrief');
      for (const block of blocks) {
        const uid = calendarUid(row.id, block.kind, userId);
        events.push({
          uid,
          sequence: sequences.get(uid) ?? row.calendar_sequence,
          startsAt: block.startsAt,
          endsAt: block.endsAt,
          timeZone: row.time_zone,
          summary: block.title,
          // The interview's link, once. The block's guidance (what to re-read, the agenda) is in
          // the invitation mailed with the same UID and on the interview's page: repeated in every
          // event it was two thirds of a busy feed's bytes. No URL property either: Google Calendar
          // and Outlook ignore it, and every app shows the description.
          description: url,
          ...(block.kind === 'interview' ? { location: row.place } : {}),
        });
      }
    }
    return events;
  }
}

type FeedSource = Awaited<ReturnType<CalendarFeedService['source']>>;

interface FeedWindow {
  since: string;
  until: string;
}

/**
 * From FEED_PAST_DAYS before today to FEED_AHEAD_DAYS after it, in whole UTC days: the window
 * moves once a day, so within a day only a change to the rows changes what the feed holds.
 */
export function feedWindow(now: DateTime): FeedWindow {
  const today = now.toUTC().startOf('day');
  return {
    since: today.minus({ days: FEED_PAST_DAYS }).toISO()!,
    until: today.plus({ days: FEED_AHEAD_DAYS + 1 }).toISO()!,
  };
}

export function calendarFeedRoutes(feeds: CalendarFeedService) {
  return [
    implement(calendarFeedApi.state, {
      summary: 'Whether the signed-in user has a private calendar feed',
      access: 'signed_in',
      handler: async ({ actor }) => feeds.state(actor),
    }),
    implement(calendarFeedApi.rotate, {
      summary: 'Create (or replace) the private calendar feed URL; it is shown only now',
      access: 'signed_in',
      handler: async ({ actor }) => feeds.rotate(actor),
    }),
    implement(calendarFeedApi.revoke, {
      summary: 'Turn the private calendar feed off',
      access: 'signed_in',
      handler: async ({ actor }) => {
        await feeds.revoke(actor);
        return { ok: true as const };
      },
    }),
    // iCalendar text for calendar apps, not JSON: no contract, its own content type and 304.
    defineRoute({
      method: 'GET',
      url: '/calendar/:token.ics',
      summary: "A user's private calendar feed (iCalendar); the token is the credential",
      access: 'anonymous',
      params: z.strictObject({ token: z.string().max(200) }),
      response: z.union([z.string(), fileBytes('text/calendar')]),
      rateLimit: PORTAL_RATE_LIMIT,
      handler: async ({ params, request, reply }) => {
        const { feed, etag } = await feeds.feed(params.token, request.headers['if-none-match']);
        // no-cache, not no-store: the app may keep the feed but must ask again, with If-None-Match.
        reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-cache')
          .header('vary', 'accept-encoding')
          .header('etag', etag);
        if (feed === null) {
          reply.code(304);
          return '';
        }
        if (!acceptsGzip(request.headers['accept-encoding'])) return feed.body;
        reply.header('content-encoding', 'gzip');
        return feed.gzip;
      },
    }),
  ];
}

/** If-None-Match holds one or more tags (or *); weak tags match too, as RFC 9110 asks for GET. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
