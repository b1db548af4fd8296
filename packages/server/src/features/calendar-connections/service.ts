import {
  AppError,
  type CalendarAnswer,
  type CalendarConnectionRequest,
  type CalendarConnectionView,
  unprocessable,
} from '@pairwise/domain';
import type { Actor } from '../../platform/auth/actor.ts';
import { CalDavProvider } from '../../platform/calendar/caldav-provider.ts';
import {
  CalendarAccessError,
  type CalendarAccount,
  type CalendarBusy,
  type CalendarProvider,
} from '../../platform/calendar/calendar-provider.ts';
import type { Clock } from '../../platform/clock.ts';
import { checkCalendarUrl } from './calendar-destination.ts';
import type { CalendarSecrets } from './calendar-secrets.ts';
import type { CalendarConnectionRow, CalendarConnectionsRepository } from './repository.ts';

/** Connecting is a person waiting on a form, so it gets longer than planning's quick look. */
const CHECK_TIMEOUT_MS = 15_000;

export interface PersonCalendar {
  calendar: CalendarAnswer;
  busy: CalendarBusy[];
}

/**
 * Each staff member's own calendar connection (decision 032): saved only after the calendar
 * answered with these credentials, the secret sealed at rest, and read back only to talk to that
 * calendar. Planning reads busy times through `busyOf`, time-boxed so that a calendar that does
 * not answer makes that person "unknown" instead of holding up the form.
 */
export class CalendarConnectionsService {
  constructor(
    private readonly connections: CalendarConnectionsRepository,
    private readonly secrets: CalendarSecrets,
    private readonly options: {
      timeoutMs: number;
      clock: Clock;
      /** Non-public calendar servers an operator allowed (CALENDAR_ALLOW_HOSTS). */
      allowHosts: readonly string[];
      log: (message: string, error: unknown) => void;
    },
  ) {}

  get repository(): CalendarConnectionsRepository {
    return this.connections;
  }

  async view(actor: Actor): Promise<CalendarConnectionView | null> {
    const row = await this.connections.find(actor.id);
    return row ? toView(row) : null;
  }

  async connect(actor: Actor, request: CalendarConnectionRequest): Promise<CalendarConnectionView> {
    const account: CalendarAccount = {
      provider: request.provider,
      serverUrl: request.serverUrl,
      username: request.username,
      secret: request.password,
    };
    await checkCalendarUrl(request.serverUrl, this.options.allowHosts);
    let found: { calendarUrl: string; calendarName: string };
    try {
      found = await providerFor(account).check(AbortSignal.timeout(CHECK_TIMEOUT_MS));
    } catch (error) {
      throw refusal(error);
    }
    const now = this.options.clock().toISOString();
    const existing = await this.connections.find(actor.id);
    await this.connections.save({
      user_id: actor.id,
      provider: request.provider,
      server_url: request.serverUrl,
      username: request.username,
      calendar_url: found.calendarUrl,
      calendar_name: found.calendarName,
      secret_ciphertext: this.secrets.seal(actor.id, request.password),
      created_at: existing?.created_at ?? now,
      checked_at: now,
    });
    return toView((await this.connections.find(actor.id))!);
  }

  async disconnect(actor: Actor): Promise<void> {
    if (!(await this.connections.remove(actor.id))) {
      throw new AppError('not_found', 'You have no calendar connected.');
    }
  }

  /** The person's calendar, or null when they connected none. */
  async providerOf(userId: string): Promise<CalendarProvider | null> {
    const row = await this.connections.find(userId);
    return row ? this.providerFromRow(row) : null;
  }

  private providerFromRow(row: CalendarConnectionRow): CalendarProvider {
    return providerFor({
      provider: 'caldav',
      serverUrl: row.server_url,
      username: row.username,
      secret: this.secrets.open(row.user_id, row.secret_ciphertext),
      calendarUrl: row.calendar_url,
    });
  }

  /** A signal that ends at planning's time box, for callers that talk to calendars themselves. */
  timeBox(): AbortSignal {
    return AbortSignal.timeout(this.options.timeoutMs);
  }

  /**
   * Busy times of each person's connected calendar over the range, all asked at once and each
   * given CALENDAR_TIMEOUT_MS. Events Pairwise wrote itself are left out: they are its own
   * bookings, which planning counts from the database.
   */
  async busyOf(
    userIds: readonly string[],
    range: { from: string; to: string },
  ): Promise<Map<string, PersonCalendar>> {
    const unique = [...new Set(userIds)];
    const [rows, ownUids] = await Promise.all([
      this.connections.findMany(unique),
      this.connections.writtenUids(unique),
    ]);
    const answers = new Map<string, PersonCalendar>(unique.map((id) => [id, { calendar: 'none', busy: [] }]));
    await Promise.all(
      rows.map(async (row) => {
        try {
          const busy = await this.providerFromRow(row).busy(range, this.timeBox());
          answers.set(row.user_id, {
            calendar: 'connected',
            busy: busy.filter((period) => !(period.uid && ownUids.has(period.uid))),
          });
        } catch (error) {
          this.options.log(`The calendar of user ${row.user_id} did not answer with busy times`, error);
          answers.set(row.user_id, { calendar: 'unknown', busy: [] });
        }
      }),
    );
    return answers;
  }
}

/** Built per use from the stored row: Google and Microsoft adapters slot in here (decision 032). */
export function providerFor(account: CalendarAccount): CalendarProvider {
  switch (account.provider) {
    case 'caldav':
      return new CalDavProvider(account);
  }
}

function refusal(error: unknown): AppError {
  if (error instanceof CalendarAccessError) {
    return unprocessable(`The calendar was not connected: ${error.message}`, {
      [error.field]: error.message,
    });
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return unprocessable('The calendar server did not answer in time.', {
      serverUrl: 'No answer from this address within 15 seconds.',
    });
  }
  return unprocessable('The calendar was not connected: no CalDAV calendar answered at this address.', {
    serverUrl: 'No CalDAV calendar answered at this address.',
  });
}

function toView(row: CalendarConnectionRow): CalendarConnectionView {
  return {
    provider: 'caldav',
    serverUrl: row.server_url,
    username: row.username,
    calendarName: row.calendar_name,
    connectedAt: row.created_at,
    checkedAt: row.checked_at,
  };
}
