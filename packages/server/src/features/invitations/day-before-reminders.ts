import {
  interviewerBlocks,
  type MessagePreview,
  renderDayBeforeReminder,
  renderPrepReminder,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { PortalTokens } from '../portal/portal-tokens.ts';
import {
  blockMinutesOf,
  candidateAddressees,
  interviewUrlFor,
  invitationInput,
  PORTAL_LINK_PLACEHOLDER,
  portalUrlFor,
} from './invitation-mail.ts';
import type { InterviewFacts, InvitationsRepository } from './repository.ts';

const payload = z.object({ interviewId: z.string(), startsAt: z.string() });

/** Events after which an invited interview has a (new) time: each schedules its reminder. */
const TIME_EVENTS = new Set(['invited', 'rescheduled', 'slot_picked']);

/**
 * The day before, at the same wall-clock time in the candidate's zone: the candidate gets the
 * agenda, what to have ready, when the repository can be cloned and their portal link; each
 * member of the panel gets their prep block. One durable job per interview and start time; it
 * checks again when it runs, so a new time (which schedules its own) or a cancellation in
 * between makes the old one do nothing. An invitation sent less than a day ahead gets none: it
 * is its own reminder.
 */
export class DayBeforeReminders {
  readonly job: JobDefinition<typeof payload>;

  constructor(
    private readonly facts: InvitationsRepository,
    private readonly outbox: OutboxService,
    private readonly portalTokens: PortalTokens,
    private readonly jobs: JobQueue,
    private readonly options: {
      publicUrl: () => string;
      clock: Clock;
      /** REPOSITORY_WINDOW_MINUTES: when the portal starts to show the clone instructions. */
      cloneOpensMinutesBefore: number;
    },
  ) {
    this.job = { type: 'invitations.day-before-reminder', payload, handle: (input) => this.remind(input) };
    jobs.define(this.job);
  }

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      if (TIME_EVENTS.has(event.type)) await this.schedule(event.interviewId, trx);
    });
  }

  /**
   * The candidate's reminder as the job will send it, rendered from today's facts and words, and
   * when it goes out; null when none will (not invited yet, under way, or less than a day ahead).
   */
  preview(facts: InterviewFacts): { sendsAt: string; preview: MessagePreview } | null {
    if (facts.interview.stage !== 'planned' && facts.interview.stage !== 'invited') return null;
    const sendsAt = dayBefore(facts.interview.starts_at, facts.candidate.timeZone);
    if (sendsAt <= utcNow(this.options.clock)) return null;
    const { subject, text, html } = this.candidateReminder(
      facts,
      portalUrlFor(this.options.publicUrl(), PORTAL_LINK_PLACEHOLDER),
    );
    return { sendsAt: sendsAt.toISO()!, preview: { subject, text, html } };
  }

  private candidateReminder(facts: InterviewFacts, portalUrl: string) {
    return renderDayBeforeReminder({
      ...invitationInput(facts, portalUrl),
      cloneOpensMinutesBefore: this.options.cloneOpensMinutesBefore,
    });
  }

  private async schedule(interviewId: string, trx: Kysely<Database>): Promise<void> {
    const row = await this.facts.reminderTiming(trx, interviewId);
    // A plan nobody was invited to yet has no one to remind.
    if (!row || row.stage === 'planned') return;
    const runAt = dayBefore(row.starts_at, row.time_zone);
    if (runAt <= utcNow(this.options.clock)) return;
    await this.jobs.enqueue(
      this.job,
      { interviewId, startsAt: row.starts_at },
      { runAt: runAt.toJSDate(), dedupeKey: `day-before:${interviewId}:${row.starts_at}` },
      trx,
    );
  }

  private async remind({ interviewId, startsAt }: z.infer<typeof payload>): Promise<void> {
    const facts = await this.facts.facts(interviewId);
    // Moved (its new time has its own job), cancelled, or already under way: nothing to remind of.
    if (!facts || facts.interview.starts_at !== startsAt || facts.interview.stage !== 'invited') return;
    // Invited with times to choose from and none chosen: the plan's time is only a placeholder.
    if (await this.facts.hasOpenInvitationOffer(interviewId)) return;
    const { publicUrl } = this.options;
    const interviewUrl = interviewUrlFor(publicUrl(), interviewId);
    const blocks = interviewerBlocks({
      startsAt,
      ...blockMinutesOf(facts.interview),
      positionTitle: facts.position.title,
      taskTitle: facts.task.title,
      lineManagerName: facts.lineManager.name,
    });
    const prep = blocks.find((block) => block.kind === 'prep')!;
    const interview = blocks.find((block) => block.kind === 'interview')!;
    await this.facts.transaction(async (trx) => {
      const portalUrl = portalUrlFor(publicUrl(), await this.portalTokens.mint(interviewId, trx));
      const content = this.candidateReminder(facts, portalUrl);
      await this.outbox.enqueue(
        {
          kind: 'day_before_reminder',
          interviewId,
          dedupeKey: `day-before:${interviewId}:${startsAt}:candidate`,
          mail: {
            ...candidateAddressees(facts),
            ...content,
          },
        },
        trx,
      );
      for (const person of [facts.navigator, ...facts.shadows]) {
        await this.outbox.enqueue(
          {
            kind: 'prep_reminder',
            interviewId,
            dedupeKey: `day-before:${interviewId}:${startsAt}:${person.id}`,
            mail: {
              to: { name: person.name, address: person.email },
              ...renderPrepReminder(prep, interview, {
                recipientName: person.name,
                timeZone: facts.interview.time_zone,
                interviewUrl,
              }),
            },
          },
          trx,
        );
      }
    });
  }
}

/** The same wall-clock time one calendar day earlier in the candidate's zone (DST-aware). */
export function dayBefore(startsAt: string, timeZone: string): DateTime {
  return DateTime.fromISO(startsAt, { zone: 'utc' }).setZone(timeZone).minus({ days: 1 }).toUTC();
}
