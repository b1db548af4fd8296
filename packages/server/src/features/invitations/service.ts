import {
  AppError,
  type CancellationPreview,
  type CandidateResponseKind,
  type InterviewDetail,
  type InvitationState,
  localTimeToUtc,
  type MessagePreview,
  nextStage,
  type ReschedulePreview,
  renderInvitation,
  renderRescheduledInvitation,
  type rescheduleRequest,
  seesCandidateCircumstances,
  type sendRescheduleRequest,
} from '@pairwise/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { mentionsPrivateTerm } from '../../platform/calendar/calendar-invites.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { PortalRepository } from '../portal/repository.ts';
import { cancellationContent } from './calendar-mail.ts';
import {
  candidatePrivateTerms,
  invitationInput,
  PORTAL_LINK_PLACEHOLDER,
  panelBlocks,
  portalUrlFor,
  requireFacts,
} from './invitation-mail.ts';
import { digestOf, digestOfMaybe, requireDigest } from './preview-digest.ts';
import type { InterviewFacts, InvitationsRepository } from './repository.ts';

/**
 * The invitation as the candidate will get it and the changes that go out to them, each previewed
 * first: sending checks the digest of what was read. The mail itself is enqueued by
 * `InvitationCalendarMail` in the transaction of the lifecycle change that causes it.
 */
export class InvitationsService {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly repository: InvitationsRepository,
    private readonly portal: PortalRepository,
    private readonly publicUrl: () => string,
    /** The day-before reminder as it will go out, for staff to read before the job sends it. */
    private readonly reminderPreview?: (facts: InterviewFacts) => InvitationState['reminder'],
  ) {}

  /** The invitation as the candidate will get it (or got it, rendered from today's facts). */
  async state(actor: Actor, interviewId: string): Promise<InvitationState> {
    const { interview, roles } = await this.interviews.access(actor, interviewId, 'view');
    const circumstances = seesCandidateCircumstances(roles);
    const facts = await requireFacts(this.repository, interviewId);
    const preview = this.preview(facts);
    const [sentAt, responses, accommodations, dataRequests] = await Promise.all([
      this.repository.invitedAt(interviewId),
      this.portal.responses(interviewId),
      this.portal.accommodations(interviewId),
      this.portal.dataRequests(interviewId),
    ]);
    const blocksByPerson = new Map<string, { name: string; blocks: string[] }>();
    for (const { attendee, block } of panelBlocks(facts)) {
      const entry = blocksByPerson.get(attendee.id) ?? { name: attendee.name, blocks: [] };
      entry.blocks.push(block.kind);
      blocksByPerson.set(attendee.id, entry);
    }
    return {
      stage: interview.stage,
      sentAt,
      candidateEmail: facts.candidate.email,
      preview,
      previewDigest: digestOf(preview),
      calendarRecipients: [...blocksByPerson.values()],
      responses: responses.map((row) => ({
        kind: row.kind as CandidateResponseKind,
        reason: circumstances ? row.reason : null,
        at: row.created_at,
        current: row.calendar_sequence === interview.calendar_sequence,
        source: row.source as 'portal' | 'calendar',
        proposedStartsAt: row.proposed_starts_at,
      })),
      // Accommodations can reveal health: the panel and admins need them, the line manager does not.
      accommodations: circumstances
        ? accommodations.map((row) => ({
            id: row.id,
            text: row.text,
            at: row.created_at,
            answer: row.answer,
            answeredAt: row.answered_at,
          }))
        : [],
      dataRequests: dataRequests.map((row) => ({
        kind: row.kind,
        at: row.created_at,
        processed: row.processed_at !== null,
      })),
      reminder: this.reminderPreview?.(facts) ?? null,
    };
  }

  /** Sends the previewed invitation: the lifecycle's `invite` step, whose event enqueues the mail. */
  async send(
    actor: Actor,
    interviewId: string,
    previewDigest: string,
    notReadyReason?: string,
  ): Promise<InvitationState> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    if (interview.stage !== 'planned') {
      throw new AppError('illegal_transition', 'The invitation was sent already; changes go out as updates.');
    }
    const facts = await requireFacts(this.repository, interviewId);
    if (digestOf(this.preview(facts)) !== previewDigest) {
      throw new AppError(
        'conflict',
        'The invitation changed since you previewed it (or was not previewed). Look at it again, then send.',
      );
    }
    await this.interviews.invite(actor, interviewId, notReadyReason);
    return this.state(actor, interviewId);
  }

  /**
   * What changing the place would send: the candidate's updated invitation (null while the
   * candidate was not invited yet, when nothing goes out).
   */
  async previewPlaceChange(
    actor: Actor,
    interviewId: string,
    place: string,
  ): Promise<{ preview: MessagePreview | null; previewDigest: string | null }> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    const facts = await requireFacts(this.repository, interviewId);
    guardPlaceChange(interview.stage, place, facts);
    if (!(await this.invitedCalendar(interviewId))) return { preview: null, previewDigest: null };
    const preview = this.placeUpdatePreview(facts, place);
    return { preview, previewDigest: digestOf(preview) };
  }

  /**
   * A new place, until pairing starts. Once the candidate was invited the update goes out as
   * previewed (the candidate's mail and calendar entry, the panel's interview blocks), so the
   * digest of what the navigator read is required, as for the invitation itself.
   */
  async changePlace(actor: Actor, interviewId: string, place: string, previewDigest?: string): Promise<void> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    const facts = await requireFacts(this.repository, interviewId);
    guardPlaceChange(interview.stage, place, facts);
    const invited = await this.invitedCalendar(interviewId);
    if (invited && digestOf(this.placeUpdatePreview(facts, place)) !== previewDigest) {
      throw new AppError(
        'conflict',
        'The update changed since you previewed it (or was not previewed). Look at it again, then save.',
      );
    }
    await this.interviews.applyChange(
      actor,
      interview,
      interview.stage,
      { place, ...(invited ? { calendar_sequence: interview.calendar_sequence + 1 } : {}) },
      { type: 'place_changed', payload: { previousPlace: interview.place, place } },
    );
  }

  private async invitedCalendar(interviewId: string): Promise<boolean> {
    const events = await this.repository.calendarEvents(interviewId);
    return events.some((row) => row.block === 'candidate' && !row.cancelled);
  }

  private placeUpdatePreview(facts: InterviewFacts, place: string): MessagePreview {
    const portalUrl = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    const { subject, text, html } = renderRescheduledInvitation({
      ...invitationInput({ ...facts, interview: { ...facts.interview, place } }, portalUrl),
      previousStartsAt: facts.interview.starts_at,
      previousPlace: facts.interview.place,
    });
    return { subject, text, html };
  }

  /**
   * A new time as the candidate will read it, with what the planning guards say about the time.
   * Nobody invited yet: nothing is sent, and the preview is null.
   */
  async previewReschedule(
    actor: Actor,
    interviewId: string,
    request: z.output<typeof rescheduleRequest>,
  ): Promise<ReschedulePreview> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    // Once pairing started there is no new time to preview: the lifecycle says why.
    nextStage(interview.stage, 'reschedule');
    const guards = await this.interviews.previewReschedule(
      actor,
      interview,
      request.startsAtLocal,
      request.timeZone,
      request.startsAtOccurrence,
    );
    const preview = await this.reschedulePreview(interviewId, request);
    return { ...guards, preview, previewDigest: digestOfMaybe(preview) };
  }

  /** Moves the interview to the previewed time; the `rescheduled` event enqueues exactly that mail. */
  async sendReschedule(
    actor: Actor,
    interviewId: string,
    request: z.output<typeof sendRescheduleRequest>,
  ): Promise<InterviewDetail> {
    await this.interviews.access(actor, interviewId, 'drive');
    const preview = await this.reschedulePreview(interviewId, request);
    requireDigest(preview, request.previewDigest, 'new time');
    const { previewDigest: _, ...change } = request;
    return this.interviews.changeFromPreview(actor, interviewId, { action: 'reschedule', ...change });
  }

  async previewCancellation(actor: Actor, interviewId: string): Promise<CancellationPreview> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    nextStage(interview.stage, 'cancel');
    const preview = await this.cancellationPreview(interviewId);
    return { preview, previewDigest: digestOfMaybe(preview) };
  }

  async sendCancellation(
    actor: Actor,
    interviewId: string,
    request: { reason?: string | undefined; previewDigest: string },
  ): Promise<InterviewDetail> {
    await this.interviews.access(actor, interviewId, 'drive');
    const preview = await this.cancellationPreview(interviewId);
    requireDigest(preview, request.previewDigest, 'cancellation');
    return this.interviews.changeFromPreview(actor, interviewId, {
      action: 'cancel',
      ...(request.reason ? { reason: request.reason } : {}),
    });
  }

  /** The update the candidate gets for a new time, rendered as `sendUpdates` will render it. */
  private async reschedulePreview(
    interviewId: string,
    request: z.output<typeof rescheduleRequest>,
  ): Promise<MessagePreview | null> {
    const facts = await requireFacts(this.repository, interviewId);
    const candidateEvent = (await this.repository.calendarEvents(interviewId)).find(
      (row) => row.block === 'candidate' && !row.cancelled,
    );
    if (!candidateEvent) return null;
    // The same instant the reschedule will store; a time that does not exist or is ambiguous is
    // refused here with the field named, as by the reschedule itself.
    const startsAt = localTimeToUtc(request.startsAtLocal, request.timeZone, request.startsAtOccurrence);
    const moved: InterviewFacts = {
      ...facts,
      interview: { ...facts.interview, starts_at: startsAt, time_zone: request.timeZone },
    };
    const portalUrl = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    const { subject, text, html } = renderRescheduledInvitation({
      ...invitationInput(moved, portalUrl),
      previousStartsAt: facts.interview.starts_at,
    });
    return { subject, text, html };
  }

  private async cancellationPreview(interviewId: string): Promise<MessagePreview | null> {
    const facts = await requireFacts(this.repository, interviewId);
    const candidateEvent = (await this.repository.calendarEvents(interviewId)).find(
      (row) => row.block === 'candidate' && !row.cancelled,
    );
    if (!candidateEvent) return null;
    const { subject, text, html } = cancellationContent(facts, candidateEvent);
    return { subject, text, html };
  }

  private preview(facts: InterviewFacts): MessagePreview {
    const portalUrl = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    const { subject, text, html } = renderInvitation(invitationInput(facts, portalUrl));
    return { subject, text, html };
  }
}

/** Stages whose place may still change: until pairing starts, as for a new time. */
const placeStages: readonly string[] = ['planned', 'invited', 'checked_in', 'setup'];

function guardPlaceChange(stage: string, place: string, facts: InterviewFacts): void {
  if (!placeStages.includes(stage)) {
    throw new AppError('illegal_transition', 'The place can change only until pairing starts.');
  }
  if (place === facts.interview.place) {
    throw new AppError('unprocessable', 'This is the place already.', { place: 'Enter the new place.' });
  }
  guardPlacePrivacy(place, facts);
}

/** The place goes into the panel's calendar entries, which colleagues may see: no candidate in it. */
export function guardPlacePrivacy(place: string, facts: Pick<InterviewFacts, 'candidate'>): void {
  if (mentionsPrivateTerm(place, candidatePrivateTerms(facts))) {
    throw new AppError('unprocessable', 'The place mentions the candidate.', {
      place:
        "Leave the candidate's name and address out of the place: it appears in the panel's calendar entries, which colleagues may see.",
    });
  }
}
