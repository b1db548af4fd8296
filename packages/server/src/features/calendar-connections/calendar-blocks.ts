import type { Stage } from '@pairwise/domain';
import { z } from 'zod';
import { buildCalendarInvite } from '../../platform/calendar/calendar-invites.ts';
import type { CalendarProvider } from '../../platform/calendar/calendar-provider.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import {
  blockCalendarEvent,
  calendarUid,
  candidatePrivateTerms,
  interviewUrlFor,
  type PanelBlock,
  panelBlocks,
} from '../invitations/invitation-mail.ts';
import type { InvitationsRepository } from '../invitations/repository.ts';
import type { CalendarWriteRow } from './repository.ts';
import type { CalendarConnectionsService } from './service.ts';

const payload = z.object({ interviewId: z.string() });

/** Events after which the panel's blocks change: written, moved in place, or removed. */
const BLOCK_EVENTS = new Set([
  'planned',
  'rescheduled',
  'slot_picked',
  'place_changed',
  'cancelled',
  'no_show',
]);
const releasedStages: ReadonlySet<string> = new Set<Stage>(['cancelled', 'no_show']);

/**
 * The panel's blocks (prep, interview, refinement, debrief; the line manager's debrief) written
 * into each connected calendar as soon as the interview is planned, under the same UID the
 * mailed block carries, so a calendar that also receives the mail shows one event. A reschedule
 * or a new place replaces them in place; a cancellation removes them. People without a
 * connection get the blocks by mail with the invitation, as before. Calendars are slow and
 * sometimes down, so this runs as a durable job after the change commits and retries; each
 * block's outcome is recorded in `calendar_writes`, the "calendar cleared" evidence.
 */
export class CalendarBlocksWriter {
  readonly job: JobDefinition<typeof payload>;

  constructor(
    private readonly facts: InvitationsRepository,
    private readonly calendars: CalendarConnectionsService,
    private readonly jobs: JobQueue,
    private readonly options: {
      publicUrl: () => string;
      organizer: () => { name: string; email: string };
      clock: Clock;
    },
  ) {
    this.job = {
      type: 'calendar-connections.write-blocks',
      payload,
      handle: (input) => this.sync(input.interviewId),
    };
    jobs.define(this.job);
  }

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      if (!BLOCK_EVENTS.has(event.type)) return;
      // Enqueued with the change: a plan that rolls back writes nothing anywhere.
      await this.jobs.enqueue(this.job, { interviewId: event.interviewId }, {}, trx);
    });
  }

  /** Brings every connected calendar of the panel in line with the interview as it is now. */
  async sync(interviewId: string): Promise<void> {
    const facts = await this.facts.facts(interviewId);
    if (!facts) return;
    const released = releasedStages.has(facts.interview.stage);
    const writes = await this.calendars.repository.writesFor(interviewId);
    const providers = new Map<string, CalendarProvider | null>();
    const providerOf = async (userId: string) => {
      if (!providers.has(userId)) providers.set(userId, await this.calendars.providerOf(userId));
      return providers.get(userId)!;
    };
    const failures: string[] = [];
    for (const block of panelBlocks(facts)) {
      const provider = await providerOf(block.attendee.id);
      const uid = calendarUid(interviewId, block.block.kind, block.attendee.id);
      const previous = writes.find((row) => row.uid === uid);
      if (!provider) continue;
      const row: CalendarWriteRow = {
        uid,
        interview_id: interviewId,
        user_id: block.attendee.id,
        kind: block.block.kind,
        starts_at: block.block.startsAt,
        ends_at: block.block.endsAt,
        state: 'written',
        error: null,
        conflict: null,
        updated_at: utcNow(this.options.clock).toISO(),
      };
      try {
        const signal = AbortSignal.timeout(30_000);
        if (released) {
          if (!previous || previous.state === 'removed') continue;
          await provider.deleteEvent(uid, signal);
          await this.calendars.repository.recordWrite({ ...row, state: 'removed' });
          continue;
        }
        await provider.putEvent({ uid, icalendar: this.objectFor(facts, block) }, signal);
        const busy = await provider.busy({ from: row.starts_at, to: row.ends_at }, signal);
        const other = busy.find((period) => period.uid !== uid && !isOwn(period.uid, writes));
        await this.calendars.repository.recordWrite({
          ...row,
          conflict: other ? `${other.startsAt}/${other.endsAt}` : null,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${block.attendee.id} ${block.block.kind}: ${message}`);
        await this.calendars.repository.recordWrite({
          ...row,
          state: 'failed',
          error: message.slice(0, 500),
        });
      }
    }
    // The job queue retries with back-off; what did get written stays written.
    if (failures.length > 0) throw new Error(`Calendar blocks not written: ${failures.join('; ')}`);
  }

  /** The block as a calendar object resource: the mailed invite's event, without its iTIP METHOD. */
  private objectFor(facts: Parameters<typeof panelBlocks>[0], block: PanelBlock): string {
    const interviewUrl = interviewUrlFor(this.options.publicUrl(), facts.interview.id);
    const event = blockCalendarEvent(
      facts,
      block,
      facts.interview.calendar_sequence,
      this.options.organizer(),
      interviewUrl,
    );
    const { content } = buildCalendarInvite('REQUEST', event, {
      privateTerms: candidatePrivateTerms(facts),
      privateTermFields: { LOCATION: 'place' },
    });
    // RFC 4791 §4.1: a stored calendar object carries no METHOD (that belongs to iTIP messages).
    return content.replace(/^METHOD:[^\r\n]*\r\n/m, '');
  }
}

/** This interview's own blocks do not conflict with one another. */
function isOwn(uid: string | null, writes: readonly CalendarWriteRow[]): boolean {
  return uid !== null && writes.some((row) => row.uid === uid);
}
