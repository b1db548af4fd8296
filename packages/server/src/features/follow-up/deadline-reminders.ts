import {
  type HolidayCheck,
  type InterviewEventType,
  isFinished,
  reminderAt,
  renderDeadlineReminder,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/schema.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InvitationsRepository, Person } from '../invitations/repository.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { FollowUpRepository } from './repository.ts';

const payload = z.object({ interviewId: z.string(), deadline: z.string() });

/** Events after which the candidate's deadline is known (or final): each (re)schedules the reminder. */
const DEADLINE_EVENTS = new Set<InterviewEventType>([
  'refinement',
  'reported',
  'candidate_deadline_recorded',
]);

/**
 * The candidate's deadline drives one reminder to the line manager and the navigator, two
 * business days before it (public holidays of HOLIDAY_REGION are not business days), unless a
 * decision is recorded by then. The job is scheduled for that morning when the deadline becomes
 * known; it checks again when it runs, so a decision or a changed deadline in between simply
 * makes it do nothing.
 */
export class DeadlineReminders {
  readonly job: JobDefinition<typeof payload>;

  constructor(
    private readonly followUp: FollowUpRepository,
    private readonly facts: InvitationsRepository,
    private readonly outbox: OutboxService,
    private readonly jobs: JobQueue,
    private readonly publicUrl: () => string,
    /** Unset: only weekends are skipped. */
    private readonly isHoliday?: HolidayCheck,
  ) {
    this.job = { type: 'follow-up.deadline-reminder', payload, handle: (input) => this.remind(input) };
    jobs.define(this.job);
  }

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      if (DEADLINE_EVENTS.has(event.type)) await this.schedule(event.interviewId, trx);
    });
  }

  private async schedule(interviewId: string, trx: Kysely<Database>): Promise<void> {
    const row = await this.followUp.deadlineInZone(trx, interviewId);
    if (!row?.deadline) return;
    await this.jobs.enqueue(
      this.job,
      { interviewId, deadline: row.deadline },
      {
        runAt: new Date(reminderAt(row.deadline, row.time_zone, this.isHoliday)),
        dedupeKey: `deadline-reminder:${interviewId}:${row.deadline}`,
      },
      trx,
    );
  }

  private async remind({ interviewId, deadline }: z.infer<typeof payload>): Promise<void> {
    const facts = await this.facts.facts(interviewId);
    if (!facts || isFinished(facts.interview.stage)) return;
    const [outcome, current] = await Promise.all([
      this.followUp.decisionOutcome(interviewId),
      this.followUp.candidateDeadline(interviewId),
    ]);
    if (outcome !== undefined || current !== deadline) return;
    const recipients = new Map<string, Person>([
      [facts.lineManager.id, facts.lineManager],
      [facts.navigator.id, facts.navigator],
    ]);
    await this.followUp.transaction(async (trx) => {
      for (const person of recipients.values()) {
        const content = renderDeadlineReminder({
          recipientName: person.name,
          candidateName: facts.candidate.name,
          positionTitle: facts.position.title,
          deadline,
          lineManagerName: facts.lineManager.name,
          reportUrl: `${this.publicUrl()}/interviews/${interviewId}/report`,
        });
        await this.outbox.enqueue(
          {
            kind: 'deadline_reminder',
            interviewId,
            dedupeKey: `deadline-reminder:${interviewId}:${deadline}:${person.id}`,
            mail: { to: { name: person.name, address: person.email }, ...content },
          },
          trx,
        );
      }
    });
  }
}
