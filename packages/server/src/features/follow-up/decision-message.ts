import {
  AppError,
  decisionMessagesApi,
  fillTemplate,
  type MessagePreview,
  renderDecisionMessage,
  resolveTemplate,
  type TemplatePart,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { implement } from '../../platform/http/route.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import { can } from '../interviews/policy.ts';
import type { InterviewsService } from '../interviews/service.ts';
import { PORTAL_LINK_PLACEHOLDER, portalUrlFor, templateValuesOf } from '../invitations/invitation-mail.ts';
import { digestOf } from '../invitations/preview-digest.ts';
import type { InterviewFacts, InvitationsRepository } from '../invitations/repository.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { PortalTokens } from '../portal/portal-tokens.ts';
import type { FollowUpRepository } from './repository.ts';

/**
 * The line manager's own message to the candidate once the decision is recorded: previewed
 * exactly as sent, sent once, and carrying a portal link for the survey and privacy requests.
 * The decision itself is never shown on the portal; the candidate hears it in these words.
 */
export class DecisionMessagesService {
  constructor(
    private readonly followUp: FollowUpRepository,
    private readonly interviews: InterviewsService,
    private readonly facts: InvitationsRepository,
    private readonly events: InterviewEventLog,
    private readonly outbox: OutboxService,
    private readonly portalTokens: PortalTokens,
    private readonly publicUrl: () => string,
  ) {}

  async state(actor: Actor, interviewId: string) {
    const { interview, roles } = await this.interviews.access(actor, interviewId, 'view');
    const [sent, deadline] = await Promise.all([
      this.followUp.decisionMessageSent(interviewId),
      this.followUp.candidateDeadline(interviewId),
    ]);
    const canSend = can(roles, 'decide') && interview.stage === 'decided' && !sent;
    return {
      sentAt: sent?.sent_at ?? null,
      sentByName: sent?.name ?? null,
      candidateDeadline: deadline,
      canSend,
      draft: canSend ? await this.draft(interviewId) : null,
    };
  }

  /** The template for the recorded outcome, filled in; a next round has none, so the box starts empty. */
  private async draft(interviewId: string): Promise<string | null> {
    const outcome = await this.followUp.decisionOutcome(interviewId);
    const part: TemplatePart | null =
      outcome === 'offer' ? 'decisionOffer' : outcome === 'decline' ? 'decisionNoOffer' : null;
    const facts = part ? await this.facts.facts(interviewId) : null;
    if (!part || !facts?.voice) return null;
    const { text } = resolveTemplate(part, facts.voice.locale, facts.voice.templates);
    const placeholder = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    return fillTemplate(text, templateValuesOf(facts, placeholder), facts.voice.locale);
  }

  async preview(actor: Actor, interviewId: string, message: string) {
    const facts = await this.authorize(actor, interviewId);
    const preview = this.render(
      facts,
      actor,
      message,
      portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER),
    );
    return { preview, previewDigest: digestOf(preview) };
  }

  async send(actor: Actor, interviewId: string, message: string, previewDigest: string) {
    const facts = await this.authorize(actor, interviewId);
    const placeholder = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    if (digestOf(this.render(facts, actor, message, placeholder)) !== previewDigest) {
      throw new AppError(
        'conflict',
        'The message changed since you previewed it. Preview it again, then send.',
      );
    }
    await this.events.transaction(async (trx, record) => {
      const already = await this.followUp.decisionMessageSent(interviewId, trx);
      if (already) throw new AppError('conflict', 'The candidate has been told already.');
      const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(interviewId, trx));
      const content = this.render(facts, actor, message, portalUrl);
      const outboxId = await this.outbox.enqueue(
        {
          kind: 'decision_message',
          interviewId,
          mail: {
            to: { name: facts.candidate.name, address: facts.candidate.email },
            replyTo: { name: actor.name, address: actor.email },
            ...content,
          },
        },
        trx,
      );
      await this.followUp.recordDecisionMessage(trx, {
        interviewId,
        outboxId: outboxId ?? '',
        sentBy: actor.id,
        sentAt: DateTime.utc().toISO(),
      });
      await record({ interviewId, type: 'candidate_notified', actorId: actor.id, payload: {} });
    });
    return this.state(actor, interviewId);
  }

  private async authorize(actor: Actor, interviewId: string): Promise<InterviewFacts> {
    const { interview } = await this.interviews.access(actor, interviewId, 'decide');
    if (interview.stage !== 'decided') {
      throw new AppError('conflict', 'Record the decision first; then write to the candidate.');
    }
    const facts = await this.facts.facts(interviewId);
    if (!facts) throw new AppError('not_found', 'Interview was not found.');
    return facts;
  }

  private render(facts: InterviewFacts, actor: Actor, message: string, portalUrl: string): MessagePreview {
    return renderDecisionMessage({
      candidate: { name: facts.candidate.name },
      message,
      lineManager: { name: actor.name },
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      portalUrl,
      positionTitle: facts.position.title,
      ...(facts.voice?.organisationName ? { organizationName: facts.voice.organisationName } : {}),
      locale: facts.candidate.locale,
    });
  }
}

export function decisionMessageRoutes(messages: DecisionMessagesService) {
  return [
    implement(decisionMessagesApi.state, {
      summary: 'Whether the candidate has been told the decision, and their deadline',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ decisionMessage: await messages.state(actor, params.id) }),
    }),
    implement(decisionMessagesApi.preview, {
      summary: "Preview the line manager's message to the candidate exactly as it will be sent",
      access: 'signed_in',
      handler: async ({ actor, params, body }) => messages.preview(actor, params.id, body.message),
    }),
    implement(decisionMessagesApi.send, {
      summary: 'Send the previewed message to the candidate (once)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        decisionMessage: await messages.send(actor, params.id, body.message, body.previewDigest),
      }),
    }),
  ];
}
