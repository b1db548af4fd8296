import {
  AppError,
  type InvitationState,
  type MessagePreview,
  renderAccommodationAnswer,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { PortalTokens } from '../portal/portal-tokens.ts';
import type { PortalRepository } from '../portal/repository.ts';
import {
  candidateAddressees,
  PORTAL_LINK_PLACEHOLDER,
  portalUrlFor,
  requireFacts,
} from './invitation-mail.ts';
import { digestOf, requireDigest } from './preview-digest.ts';
import type { InterviewFacts, InvitationsRepository } from './repository.ts';
import type { InvitationsService } from './service.ts';

/**
 * The navigator's answer to a candidate's accommodation request: previewed, then shown on the
 * portal and mailed exactly as previewed, in one transaction.
 */
export class AccommodationAnswers {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly repository: InvitationsRepository,
    private readonly portal: PortalRepository,
    private readonly outbox: OutboxService,
    private readonly portalTokens: PortalTokens,
    private readonly events: InterviewEventLog,
    private readonly publicUrl: () => string,
    private readonly invitations: InvitationsService,
  ) {}

  /** The answer to an accommodation request as the candidate will get it. */
  async preview(
    actor: Actor,
    interviewId: string,
    requestId: string,
    answer: string,
  ): Promise<{ preview: MessagePreview; previewDigest: string }> {
    await this.interviews.access(actor, interviewId, 'drive');
    const preview = await this.render(interviewId, requestId, answer);
    return { preview, previewDigest: digestOf(preview) };
  }

  /** Records the answer (shown on the portal) and mails exactly the previewed text, in one transaction. */
  async send(
    actor: Actor,
    interviewId: string,
    requestId: string,
    request: { answer: string; previewDigest: string },
  ): Promise<InvitationState> {
    await this.interviews.access(actor, interviewId, 'drive');
    const preview = await this.render(interviewId, requestId, request.answer);
    requireDigest(preview, request.previewDigest, 'answer');
    const facts = await requireFacts(this.repository, interviewId);
    // Read before the transaction: on SQLite a read outside it would wait for it to end.
    const asked = (await this.portal.accommodations(interviewId)).find((row) => row.id === requestId)!.text;
    await this.events.transaction(async (trx, record) => {
      const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(interviewId, trx));
      const content = renderAccommodationAnswer({
        ...this.input(facts, request.answer, portalUrl),
        request: asked,
      });
      await this.repository.answerAccommodationRequest(trx, requestId, {
        text: request.answer.trim(),
        at: now(),
        by: actor.id,
      });
      // The texts can reveal health: the event says only that an answer went out.
      await record({ interviewId, type: 'accommodation_answered', actorId: actor.id, payload: {} });
      await this.outbox.enqueue(
        {
          kind: 'accommodation_answer',
          interviewId,
          mail: {
            ...candidateAddressees(facts),
            subject: content.subject,
            text: content.text,
            html: content.html,
          },
        },
        trx,
      );
    });
    return this.invitations.state(actor, interviewId);
  }

  private async render(interviewId: string, requestId: string, answer: string): Promise<MessagePreview> {
    const row = (await this.portal.accommodations(interviewId)).find((r) => r.id === requestId);
    if (!row) throw new AppError('not_found', 'This accommodation request was not found.');
    if (row.answer !== null) {
      throw new AppError('conflict', 'This request was answered already; the candidate has the answer.');
    }
    const facts = await requireFacts(this.repository, interviewId);
    const portalUrl = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    const { subject, text, html } = renderAccommodationAnswer({
      ...this.input(facts, answer, portalUrl),
      request: row.text,
    });
    return { subject, text, html };
  }

  private input(facts: InterviewFacts, answer: string, portalUrl: string) {
    return {
      candidate: { name: facts.candidate.name },
      locale: facts.candidate.locale,
      positionTitle: facts.position.title,
      answer,
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      portalUrl,
    };
  }
}

const now = () => DateTime.utc().toISO();
