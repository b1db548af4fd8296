import {
  AppError,
  type BusyPeriod,
  type CalendarConflictView,
  calendarConflicts,
  defaultAgendaMinutes,
  type FreeBusy,
  type FreeBusyRequest,
  type FreeBusyRole,
  heldSpan,
  localTimeToUtc,
  type PersonBusy,
  type PlanMinutes,
  proposeSlots,
  type Stage,
  setupMinutesFor,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { CalendarConnectionsRepository } from './repository.ts';
import type { CalendarConnectionsService } from './service.ts';

/** Stages whose interview no longer holds anyone's time. */
const releasedStages: Stage[] = ['cancelled', 'no_show'];
// Wider than any prep-to-debrief span, so bookings that start before the range still count.
const MARGIN_HOURS = 24;
const PROPOSAL_COUNT = 5;

export interface PlanPeople {
  navigatorId: string;
  shadowIds: string[];
  /** The position's line manager, who joins the debrief. */
  positionId?: string;
  /** An interview being rescheduled: its own bookings are not in anyone's way. */
  interviewId?: string;
}

export interface PlanConflicts {
  conflicts: CalendarConflictView[];
  unknown: { id: string; name: string }[];
}

/**
 * Free/busy for planning: each person's busy times from their connected calendar and from
 * Pairwise's own bookings (the panel holds prep to debrief, the line manager the debrief), the
 * next starts where everyone is free, and the plan route's check of one chosen start.
 */
export class FreeBusyPlanner {
  constructor(
    private readonly repository: CalendarConnectionsRepository,
    private readonly calendars: CalendarConnectionsService,
    private readonly clock: Clock,
  ) {}

  async freeBusy(
    actor: Actor,
    request: FreeBusyRequest & { shadowIds: string[]; days: number },
  ): Promise<FreeBusy> {
    if (!hasRole(actor, 'interviewer') && !hasRole(actor, 'admin')) {
      throw new AppError('forbidden', 'Only interviewers and admins plan interviews.');
    }
    const now = DateTime.fromJSDate(this.clock(), { zone: request.timeZone });
    const requested = request.fromLocal
      ? DateTime.fromISO(localTimeToUtc(request.fromLocal, request.timeZone, 'earlier'), {
          zone: request.timeZone,
        })
      : now;
    const from = DateTime.max(requested, now);
    const until = from.startOf('day').plus({ days: request.days });
    const range = { from: from.toUTC().toISO()!, to: until.toUTC().toISO()! };
    const minutes = await this.minutesOf(request.taskId);
    const people = await this.people(request);
    const busy = await this.busy(people, range, request.interviewId);
    const proposals = proposeSlots({
      people: busy,
      minutes,
      timeZone: request.timeZone,
      from: range.from,
      until: range.to,
      count: PROPOSAL_COUNT,
    });
    return {
      from: range.from,
      until: range.to,
      people: busy.map((person) => ({
        ...person,
        name: people.find((p) => p.id === person.id)?.name ?? '',
      })),
      proposals: proposals.map((startsAt) => ({
        startsAt,
        startsAtLocal: DateTime.fromISO(startsAt, { zone: request.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm"),
      })),
    };
  }

  /**
   * What connected calendars say about one start: busy times inside the span each person must
   * hold, and whose calendar did not answer in time. Pairwise's own bookings of the panel are
   * the overlap guard's; the line manager's other debriefs are counted here.
   */
  async conflictsAt(plan: PlanPeople, startsAt: string, minutes: PlanMinutes): Promise<PlanConflicts> {
    const people = await this.people(plan);
    const spans = people.map((person) => heldSpan(person.role, startsAt, minutes));
    const range = {
      from: new Date(Math.min(...spans.map((span) => Date.parse(span.startsAt)))).toISOString(),
      to: new Date(Math.max(...spans.map((span) => Date.parse(span.endsAt)))).toISOString(),
    };
    const busy = await this.busy(people, range, plan.interviewId);
    const relevant = busy.map((person) => ({
      ...person,
      busy: person.busy.filter((period) => period.source === 'calendar' || person.role === 'line_manager'),
    }));
    const nameOf = (id: string) => people.find((person) => person.id === id)?.name ?? '';
    return {
      conflicts: calendarConflicts(relevant, startsAt, minutes).map((conflict) => ({
        personId: conflict.personId,
        name: nameOf(conflict.personId),
        startsAt: conflict.startsAt,
        endsAt: conflict.endsAt,
        source: conflict.source,
      })),
      unknown: busy
        .filter((person) => person.calendar === 'unknown')
        .map((person) => ({ id: person.id, name: nameOf(person.id) })),
    };
  }

  private async minutesOf(taskId: string | undefined): Promise<PlanMinutes> {
    const task = taskId ? await this.repository.taskMinutes(taskId) : undefined;
    return {
      pairingMinutes: task?.pairing_minutes ?? defaultAgendaMinutes.pairingMinutes,
      setupMinutes: task ? setupMinutesFor(task.setup_budget_sec) : defaultAgendaMinutes.setupMinutes,
    };
  }

  private async people(plan: PlanPeople): Promise<{ id: string; name: string; role: FreeBusyRole }[]> {
    const lineManagerId = plan.positionId ? await this.repository.lineManagerOf(plan.positionId) : undefined;
    const roles: { id: string; role: FreeBusyRole }[] = [
      { id: plan.navigatorId, role: 'navigator' },
      ...[...new Set(plan.shadowIds)].map((id) => ({ id, role: 'shadow' as const })),
    ];
    // A line manager who also sits on the panel holds the whole span already.
    if (lineManagerId && !roles.some((person) => person.id === lineManagerId)) {
      roles.push({ id: lineManagerId, role: 'line_manager' });
    }
    const users = await this.repository.namesOf(roles.map((person) => person.id));
    return roles
      .filter((person) => users.some((user) => user.id === person.id))
      .map((person) => ({ ...person, name: users.find((user) => user.id === person.id)!.name }));
  }

  /** Each person's busy periods over the range: their calendar's and Pairwise's own. */
  private async busy(
    people: { id: string; role: FreeBusyRole }[],
    range: { from: string; to: string },
    exceptInterviewId: string | undefined,
  ): Promise<PersonBusy[]> {
    const ids = people.map((person) => person.id);
    const [calendars, bookings] = await Promise.all([
      this.calendars.busyOf(ids, range),
      this.pairwiseBookings(ids, range, exceptInterviewId),
    ]);
    return people.map((person) => {
      const calendar = calendars.get(person.id) ?? { calendar: 'none' as const, busy: [] };
      const busy: BusyPeriod[] = [
        ...calendar.busy.map((period) => ({
          startsAt: period.startsAt,
          endsAt: period.endsAt,
          source: 'calendar' as const,
        })),
        ...(bookings.get(person.id) ?? []),
      ].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
      return { id: person.id, role: person.role, calendar: calendar.calendar, busy };
    });
  }

  /** The time Pairwise itself books for each person: prep to debrief on a panel, the debrief as line manager. */
  private async pairwiseBookings(
    ids: string[],
    range: { from: string; to: string },
    exceptInterviewId: string | undefined,
  ): Promise<Map<string, BusyPeriod[]>> {
    const from = DateTime.fromISO(range.from).minus({ hours: MARGIN_HOURS }).toUTC().toISO()!;
    const rows = await this.repository.bookingsOf(
      ids,
      { from, to: range.to },
      releasedStages,
      exceptInterviewId,
    );
    const shadows = await this.repository.shadowsOf(rows.map((row) => row.id));
    const bookings = new Map<string, BusyPeriod[]>(ids.map((id) => [id, []]));
    for (const row of rows) {
      const minutes = {
        pairingMinutes: row.pairing_minutes,
        setupMinutes: setupMinutesFor(row.setup_budget_sec),
      };
      const panel = [
        row.navigator_id,
        ...shadows.filter((s) => s.interview_id === row.id).map((s) => s.user_id),
      ];
      for (const id of ids) {
        const role: FreeBusyRole | null = panel.includes(id)
          ? 'navigator'
          : row.line_manager_id === id
            ? 'line_manager'
            : null;
        if (!role) continue;
        const span = heldSpan(role, row.starts_at, minutes);
        if (
          Date.parse(span.endsAt) <= Date.parse(range.from) ||
          Date.parse(span.startsAt) >= Date.parse(range.to)
        ) {
          continue;
        }
        bookings.get(id)!.push({ ...span, source: 'pairwise' });
      }
    }
    return bookings;
  }
}
