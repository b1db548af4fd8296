import { escapeHtml, type Recommendation, recommendationLabels } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InvitationsRepository } from '../invitations/repository.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { BiasCheckRepository } from './repository.ts';

/**
 * Tells the position's line manager that the navigator submitted the impression and the report
 * is ready. Enqueued in the same transaction as the 'reported' event, so the notice exists
 * exactly when the stage change does. It names the candidate: the line manager is hiring them.
 */
export class ImpressionReportedNotice {
  constructor(
    private readonly facts: InvitationsRepository,
    private readonly scorecards: BiasCheckRepository,
    private readonly outbox: OutboxService,
    private readonly publicUrl: () => string,
  ) {}

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      if (event.type === 'reported') await this.enqueue(event.interviewId, trx);
    });
  }

  private async enqueue(interviewId: string, trx: Kysely<Database>): Promise<void> {
    const facts = await this.facts.facts(interviewId, trx);
    if (!facts) return;
    const stored = await this.scorecards.recommendation(interviewId, facts.navigator.id, trx);
    const recommendation = stored ? recommendationLabels[stored as Recommendation] : 'none';
    const url = `${this.publicUrl()}/interviews/${interviewId}/report`;
    const subject = `Report ready: ${facts.candidate.name} (${facts.position.title})`;
    const paragraphs = [
      `Hello ${facts.lineManager.name},`,
      `${facts.navigator.name} submitted the impression of ${facts.candidate.name} for ${facts.position.title}. ` +
        `Recommendation: ${recommendation}.`,
      'The report has the ratings with their evidence, the retrospective and the bias check. ' +
        'Record your decision there.',
    ];
    await this.outbox.enqueue(
      {
        kind: 'impression_reported',
        interviewId,
        dedupeKey: `impression-reported:${interviewId}`,
        mail: {
          to: { name: facts.lineManager.name, address: facts.lineManager.email },
          subject,
          text: `${paragraphs.join('\n\n')}\n\nOpen the report: ${url}\n`,
          html: `${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}\n<p><a href="${escapeHtml(url)}">Open the report</a></p>`,
        },
      },
      trx,
    );
  }
}
