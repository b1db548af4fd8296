import { createHash } from 'node:crypto';
import {
  AppError,
  type CancellationPreview,
  type CandidateResponseKind,
  type InterviewDetail,
  type InvitationContent,
  type InvitationState,
  localTimeToUtc,
  type MessagePreview,
  nextStage,
  type ReschedulePreview,
  renderAccommodationAnswer,
  renderCancellation,
  renderInterviewerBlockMessage,
  renderInvitation,
  renderRescheduledInvitation,
  type rescheduleRequest,
  seesCandidateCircumstances,
  type sendRescheduleRequest,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { buildCalendarInvite, mentionsPrivateTerm } from '../../platform/calendar/calendar-invites.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewEventLog, InterviewEventRecord } from '../interviews/event-log.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { PortalTokens } from '../portal/portal-tokens.ts';
import type { PortalRepository } from '../portal/repository.ts';
import { withPortalLink } from '../self-scheduling/confirmation.ts';
import {
  blockCalendarEvent,
  type CalendarBlock,
  calendarUid,
  candidateCalendarEvent,
  candidatePrivateTerms,
  interviewUrlFor,
  invitationInput,
  type PanelBlock,
  PORTAL_LINK_PLACEHOLDER,
  panelBlocks,
  portalUrlFor,
} from './invitation-mail.ts';
import type { CalendarEventRow, InterviewFacts, InvitationsRepository } from './repository.ts';

type Trx = Kysely<Database>;
type Change = 'new' | 'updated' | 'cancelled';

/** SHA-256 of what a person previewed: sending checks it, so what was read is what goes out. */
export function digestOf(preview: MessagePreview): string {
  return createHash('sha256')
    .update(JSON.stringify([preview.subject, preview.text, preview.html]))
    .digest('hex');
}

/**
 * The invitation and everything that keeps calendars in step with the interview: the candidate's
 * mail with its REQUEST, the panel's own blocks, updates in place on a new time (same UIDs,
 * higher SEQUENCE) and CANCEL on cancellation. All of it is enqueued inside the transaction of
 * the lifecycle change that caused it, so a change and its mail commit together or not at all.
 */
export class InvitationsService {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly repository: InvitationsRepository,
    private readonly portal: PortalRepository,
    private readonly outbox: OutboxService,
    private readonly portalTokens: PortalTokens,
    private readonly publicUrl: () => string,
    /** The day-before reminder as it will go out, for staff to read before the job sends it. */
    private readonly reminderPreview?: (facts: InterviewFacts) => InvitationState['reminder'],
  ) {}

  /** The interview log, for the changes this service records itself (set by `subscribe`). */
  private events!: InterviewEventLog;

  /** Self-scheduling's say on the invitation: an offer of times goes out instead of a fixed time. */
  private offerInstead: (interviewId: string, trx: Trx) => Promise<boolean> = async () => false;

  /** Set by self-scheduling, which is built after this service. */
  sendOffersInstead(hook: (interviewId: string, trx: Trx) => Promise<boolean>): void {
    this.offerInstead = hook;
  }

  subscribe(events: InterviewEventLog): void {
    this.events = events;
    events.onRecorded(async (event, trx) => {
      if (event.type === 'invited') await this.sendInvitation(event, trx);
      else if (event.type === 'rescheduled') await this.sendUpdates(event, trx);
      else if (event.type === 'place_changed') await this.sendUpdates(event, trx, ['interview']);
      else if (event.type === 'cancelled') await this.sendCancellations(event, trx);
      else if (event.type === 'slot_picked') await this.sendPicked(event, trx);
    });
  }

  /** The invitation as the candidate will get it (or got it, rendered from today's facts). */
  async state(actor: Actor, interviewId: string): Promise<InvitationState> {
    const { interview, roles } = await this.interviews.access(actor, interviewId, 'view');
    const circumstances = seesCandidateCircumstances(roles);
    const facts = await this.requireFacts(interviewId);
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
    const facts = await this.requireFacts(interviewId);
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
    const facts = await this.requireFacts(interviewId);
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
    const facts = await this.requireFacts(interviewId);
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

  /** The answer to an accommodation request as the candidate will get it. */
  async previewAccommodationAnswer(
    actor: Actor,
    interviewId: string,
    requestId: string,
    answer: string,
  ): Promise<{ preview: MessagePreview; previewDigest: string }> {
    await this.interviews.access(actor, interviewId, 'drive');
    const preview = await this.accommodationAnswer(interviewId, requestId, answer);
    return { preview, previewDigest: digestOf(preview) };
  }

  /** Records the answer (shown on the portal) and mails exactly the previewed text, in one transaction. */
  async sendAccommodationAnswer(
    actor: Actor,
    interviewId: string,
    requestId: string,
    request: { answer: string; previewDigest: string },
  ): Promise<InvitationState> {
    await this.interviews.access(actor, interviewId, 'drive');
    const preview = await this.accommodationAnswer(interviewId, requestId, request.answer);
    requireDigest(preview, request.previewDigest, 'answer');
    const facts = await this.requireFacts(interviewId);
    // Read before the transaction: on SQLite a read outside it would wait for it to end.
    const asked = (await this.portal.accommodations(interviewId)).find((row) => row.id === requestId)!.text;
    await this.events.transaction(async (trx, record) => {
      const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(interviewId, trx));
      const content = renderAccommodationAnswer({
        ...this.accommodationAnswerInput(facts, request.answer, portalUrl),
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
            to: { name: facts.candidate.name, address: facts.candidate.email },
            replyTo: { name: facts.navigator.name, address: facts.navigator.email },
            subject: content.subject,
            text: content.text,
            html: content.html,
          },
        },
        trx,
      );
    });
    return this.state(actor, interviewId);
  }

  private async accommodationAnswer(
    interviewId: string,
    requestId: string,
    answer: string,
  ): Promise<MessagePreview> {
    const row = (await this.portal.accommodations(interviewId)).find((r) => r.id === requestId);
    if (!row) throw new AppError('not_found', 'This accommodation request was not found.');
    if (row.answer !== null) {
      throw new AppError('conflict', 'This request was answered already; the candidate has the answer.');
    }
    const facts = await this.requireFacts(interviewId);
    const portalUrl = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    const { subject, text, html } = renderAccommodationAnswer({
      ...this.accommodationAnswerInput(facts, answer, portalUrl),
      request: row.text,
    });
    return { subject, text, html };
  }

  private accommodationAnswerInput(facts: InterviewFacts, answer: string, portalUrl: string) {
    return {
      candidate: { name: facts.candidate.name },
      locale: facts.candidate.locale,
      positionTitle: facts.position.title,
      answer,
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      portalUrl,
    };
  }

  /** The update the candidate gets for a new time, rendered as `sendUpdates` will render it. */
  private async reschedulePreview(
    interviewId: string,
    request: z.output<typeof rescheduleRequest>,
  ): Promise<MessagePreview | null> {
    const facts = await this.requireFacts(interviewId);
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
    const facts = await this.requireFacts(interviewId);
    const candidateEvent = (await this.repository.calendarEvents(interviewId)).find(
      (row) => row.block === 'candidate' && !row.cancelled,
    );
    if (!candidateEvent) return null;
    const { subject, text, html } = this.cancellationContent(facts, candidateEvent);
    return { subject, text, html };
  }

  // The staff's reason stays inside Pairwise: the candidate's text never assigns fault.
  private cancellationContent(facts: InterviewFacts, candidateEvent: CalendarEventRow) {
    return renderCancellation({
      candidate: { name: facts.candidate.name, timeZone: facts.candidate.timeZone },
      startsAt: candidateEvent.starts_at,
      interviewTimeZone: facts.interview.time_zone,
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      positionTitle: facts.position.title,
      ...(facts.voice?.organisationName ? { organizationName: facts.voice.organisationName } : {}),
      locale: facts.candidate.locale,
    });
  }

  private preview(facts: InterviewFacts): MessagePreview {
    const portalUrl = portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER);
    const { subject, text, html } = renderInvitation(invitationInput(facts, portalUrl));
    return { subject, text, html };
  }

  private async requireFacts(interviewId: string, trx?: Trx): Promise<InterviewFacts> {
    const facts = await this.repository.facts(interviewId, trx);
    if (!facts) throw new AppError('not_found', 'Interview was not found.');
    return facts;
  }

  private async sendInvitation(event: InterviewEventRecord, trx: Trx): Promise<void> {
    if (await this.offerInstead(event.interviewId, trx)) return;
    const facts = await this.requireFacts(event.interviewId, trx);
    const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(facts.interview.id, trx));
    const content = renderInvitation(invitationInput(facts, portalUrl));
    const sequence = facts.interview.calendar_sequence;
    await this.sendCandidateInvite(facts, content, sequence, portalUrl, 'invitation', trx);
    for (const block of panelBlocks(facts)) await this.sendBlock(facts, block, 'new', sequence, trx);
  }

  /** The candidate's mail with its REQUEST .ics: the first invitation and every update in place. */
  private async sendCandidateInvite(
    facts: InterviewFacts,
    content: InvitationContent,
    sequence: number,
    portalUrl: string,
    kind: 'invitation' | 'invitation_update',
    trx: Trx,
  ): Promise<void> {
    const invite = buildCalendarInvite(
      'REQUEST',
      candidateCalendarEvent(facts, content, sequence, portalUrl, this.outbox.sender),
    );
    await this.saveEvent(facts, 'candidate', 'candidate', content, sequence, false, trx);
    await this.outbox.enqueue(
      {
        kind,
        interviewId: facts.interview.id,
        mail: {
          to: { name: facts.candidate.name, address: facts.candidate.email },
          replyTo: { name: facts.navigator.name, address: facts.navigator.email },
          subject: content.subject,
          text: content.text,
          html: content.html,
          icalEvent: { method: 'REQUEST', content: invite.content },
        },
      },
      trx,
    );
  }

  /** Updates in place; `kinds` limits the panel's blocks to those the change touches. */
  private async sendUpdates(
    event: InterviewEventRecord & { type: 'rescheduled' | 'place_changed' },
    trx: Trx,
    kinds?: readonly CalendarBlock[],
  ): Promise<void> {
    const facts = await this.requireFacts(event.interviewId, trx);
    const existing = await this.repository.calendarEvents(facts.interview.id, trx);
    // Rescheduling a plan nobody was invited to yet changes no one's calendar.
    const candidateEvent = existing.find((row) => row.block === 'candidate' && !row.cancelled);
    if (!candidateEvent) return;
    const sequence = nextSequence(candidateEvent, facts);
    const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(facts.interview.id, trx));
    const previousStartsAt =
      event.type === 'rescheduled' ? event.payload.previousStartsAt : candidateEvent.starts_at;
    const previousPlace = event.type === 'place_changed' ? event.payload.previousPlace : undefined;
    const content = renderRescheduledInvitation({
      ...invitationInput(facts, portalUrl),
      previousStartsAt,
      ...(previousPlace !== undefined ? { previousPlace } : {}),
    });
    await this.sendCandidateInvite(facts, content, sequence, portalUrl, 'invitation_update', trx);
    for (const block of panelBlocks(facts)) {
      if (kinds && !kinds.includes(block.block.kind)) continue;
      const row = existing.find(
        (r) => r.uid === calendarUid(facts.interview.id, block.block.kind, block.attendee.id),
      );
      if (row?.cancelled) continue;
      await this.sendBlock(
        facts,
        block,
        row ? 'updated' : 'new',
        row ? nextSequence(row, facts) : sequence,
        trx,
      );
    }
  }

  /**
   * A time the candidate picked: the confirmation the navigator approved with the offer (its
   * portal link filled in), as the first invitation with everyone's new blocks, or as the update
   * in place of calendars that hold the interview already.
   */
  private async sendPicked(event: InterviewEventRecord & { type: 'slot_picked' }, trx: Trx): Promise<void> {
    const facts = await this.requireFacts(event.interviewId, trx);
    const confirmation = await this.repository.pickedSlotConfirmation(trx, event.payload.slotId);
    const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(facts.interview.id, trx));
    const content = withPortalLink(confirmation, this.publicUrl(), portalUrl);
    const existing = await this.repository.calendarEvents(facts.interview.id, trx);
    const candidateEvent = existing.find((row) => row.block === 'candidate' && !row.cancelled);
    const sequence = candidateEvent ? nextSequence(candidateEvent, facts) : facts.interview.calendar_sequence;
    const kind = candidateEvent ? 'invitation_update' : 'invitation';
    await this.sendCandidateInvite(facts, content, sequence, portalUrl, kind, trx);
    for (const block of panelBlocks(facts)) {
      const row = existing.find(
        (r) => r.uid === calendarUid(facts.interview.id, block.block.kind, block.attendee.id),
      );
      if (row?.cancelled) continue;
      await this.sendBlock(
        facts,
        block,
        row ? 'updated' : 'new',
        row ? nextSequence(row, facts) : sequence,
        trx,
      );
    }
  }

  private async sendCancellations(event: InterviewEventRecord, trx: Trx): Promise<void> {
    const facts = await this.requireFacts(event.interviewId, trx);
    const existing = (await this.repository.calendarEvents(facts.interview.id, trx)).filter(
      (row) => !row.cancelled,
    );
    const candidateEvent = existing.find((row) => row.block === 'candidate');
    if (candidateEvent) {
      const sequence = candidateEvent.sequence + 1;
      const content = this.cancellationContent(facts, candidateEvent);
      const times = { startsAt: candidateEvent.starts_at, endsAt: candidateEvent.ends_at };
      const invite = buildCalendarInvite('CANCEL', {
        ...candidateCalendarEvent(
          facts,
          { ...times, calendarDescription: content.text },
          sequence,
          null,
          this.outbox.sender,
        ),
      });
      await this.repository.saveCalendarEvent(
        { ...candidateEvent, sequence, cancelled: 1, updated_at: now() },
        trx,
      );
      await this.outbox.enqueue(
        {
          kind: 'cancellation',
          interviewId: facts.interview.id,
          mail: {
            to: { name: facts.candidate.name, address: facts.candidate.email },
            replyTo: { name: facts.navigator.name, address: facts.navigator.email },
            subject: content.subject,
            text: content.text,
            html: content.html,
            icalEvent: { method: 'CANCEL', content: invite.content },
          },
        },
        trx,
      );
    }
    for (const block of panelBlocks(facts)) {
      const row = existing.find(
        (r) => r.uid === calendarUid(facts.interview.id, block.block.kind, block.attendee.id),
      );
      if (!row) continue;
      // Cancel what the calendar holds, at the time it holds it.
      const held = { ...block, block: { ...block.block, startsAt: row.starts_at, endsAt: row.ends_at } };
      await this.sendBlock(facts, held, 'cancelled', row.sequence + 1, trx);
    }
  }

  private async sendBlock(
    facts: InterviewFacts,
    panelBlock: PanelBlock,
    change: Change,
    sequence: number,
    trx: Trx,
  ) {
    const interviewUrl = interviewUrlFor(this.publicUrl(), facts.interview.id);
    const event = blockCalendarEvent(facts, panelBlock, sequence, this.outbox.sender, interviewUrl);
    const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
    const invite = buildCalendarInvite(method, event, {
      privateTerms: candidatePrivateTerms(facts),
      privateTermFields: { LOCATION: 'place' },
    });
    const content = renderInterviewerBlockMessage(panelBlock.block, change, {
      timeZone: facts.interview.time_zone,
      interviewUrl,
    });
    await this.saveEvent(
      facts,
      panelBlock.block.kind,
      panelBlock.attendee.id,
      panelBlock.block,
      sequence,
      change === 'cancelled',
      trx,
    );
    await this.outbox.enqueue(
      {
        kind: 'interviewer_block',
        interviewId: facts.interview.id,
        mail: {
          to: { name: panelBlock.attendee.name, address: panelBlock.attendee.email },
          subject: content.subject,
          text: content.text,
          html: content.html,
          icalEvent: { method, content: invite.content },
        },
      },
      trx,
    );
  }

  private saveEvent(
    facts: InterviewFacts,
    block: CalendarBlock,
    attendee: string,
    times: { startsAt: string; endsAt: string },
    sequence: number,
    cancelled: boolean,
    trx: Trx,
  ): Promise<void> {
    return this.repository.saveCalendarEvent(
      {
        uid: calendarUid(facts.interview.id, block, attendee),
        interview_id: facts.interview.id,
        block,
        attendee,
        sequence,
        starts_at: times.startsAt,
        ends_at: times.endsAt,
        cancelled: cancelled ? 1 : 0,
        updated_at: now(),
      },
      trx,
    );
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

/** A change nobody is told about still has a digest, so sending always names what was looked at. */
function digestOfMaybe(preview: MessagePreview | null): string {
  return digestOf(preview ?? { subject: '', text: '', html: '' });
}

function requireDigest(preview: MessagePreview | null, previewDigest: string, what: string): void {
  if (digestOfMaybe(preview) !== previewDigest) {
    throw new AppError(
      'conflict',
      `The ${what} message changed since you previewed it (or was not previewed). Look at it again, then send.`,
      { previewDigest: 'Preview the message again.' },
    );
  }
}

/** Never below what was sent before, and never below the interview's own counter. */
function nextSequence(row: CalendarEventRow, facts: InterviewFacts): number {
  return Math.max(row.sequence + 1, facts.interview.calendar_sequence);
}

const now = () => DateTime.utc().toISO();
