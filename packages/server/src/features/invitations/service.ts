import { createHash } from 'node:crypto';
import {
  AppError,
  type CancellationPreview,
  type InterviewDetail,
  type InvitationContent,
  type InvitationState,
  type MessagePreview,
  nextStage,
  type ReschedulePreview,
  renderAccommodationAnswer,
  renderCancellation,
  renderInterviewerBlockMessage,
  renderInvitation,
  renderRescheduledInvitation,
  type Stage,
  seesCandidateCircumstances,
  type sendRescheduleRequest,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { buildCalendarInvite } from '../../platform/calendar/calendar-invites.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewEventLog, InterviewEventRecord } from '../interviews/event-log.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { PortalTokens } from '../portal/portal-tokens.ts';
import type { PortalRepository } from '../portal/repository.ts';
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
  ) {}

  /** The interview log, for the changes this service records itself (set by `subscribe`). */
  private events!: InterviewEventLog;

  subscribe(events: InterviewEventLog): void {
    this.events = events;
    events.onRecorded(async (event, trx) => {
      if (event.type === 'invited') await this.sendInvitation(event, trx);
      else if (event.type === 'rescheduled') await this.sendUpdates(event, trx);
      else if (event.type === 'cancelled') await this.sendCancellations(event, trx);
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
      stage: interview.stage as Stage,
      sentAt,
      candidateEmail: facts.candidate.email,
      preview,
      previewDigest: digestOf(preview),
      calendarRecipients: [...blocksByPerson.values()],
      responses: responses.map((row) => ({
        kind: row.kind as 'confirmed' | 'reschedule_requested',
        reason: circumstances ? row.reason : null,
        at: row.created_at,
        current: row.calendar_sequence === interview.calendar_sequence,
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
   * A new time as the candidate will read it, with what the planning guards say about the time.
   * Nobody invited yet: nothing is sent, and the preview is null.
   */
  async previewReschedule(
    actor: Actor,
    interviewId: string,
    request: { startsAtLocal: string; timeZone: string },
  ): Promise<ReschedulePreview> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    // Once pairing started there is no new time to preview: the lifecycle says why.
    nextStage(interview.stage as Stage, 'reschedule');
    const guards = await this.interviews.previewReschedule(
      actor,
      interview,
      request.startsAtLocal,
      request.timeZone,
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
    nextStage(interview.stage as Stage, 'cancel');
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
      await trx
        .updateTable('accommodation_requests')
        .set({ answer: request.answer.trim(), answered_at: now(), answered_by: actor.id })
        .where('id', '=', requestId)
        .execute();
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
      positionTitle: facts.position.title,
      answer,
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      portalUrl,
    };
  }

  /** The update the candidate gets for a new time, rendered as `sendUpdates` will render it. */
  private async reschedulePreview(
    interviewId: string,
    request: { startsAtLocal: string; timeZone: string },
  ): Promise<MessagePreview | null> {
    const facts = await this.requireFacts(interviewId);
    const candidateEvent = (await this.repository.calendarEvents(interviewId)).find(
      (row) => row.block === 'candidate' && !row.cancelled,
    );
    if (!candidateEvent) return null;
    const startsAt = DateTime.fromISO(request.startsAtLocal, { zone: request.timeZone });
    if (!startsAt.isValid) return null;
    const moved: InterviewFacts = {
      ...facts,
      interview: { ...facts.interview, starts_at: startsAt.toUTC().toISO()!, time_zone: request.timeZone },
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
      candidateCalendarEvent(facts, content, sequence, portalUrl),
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

  private async sendUpdates(event: InterviewEventRecord, trx: Trx): Promise<void> {
    const facts = await this.requireFacts(event.interviewId, trx);
    const existing = await this.repository.calendarEvents(facts.interview.id, trx);
    // Rescheduling a plan nobody was invited to yet changes no one's calendar.
    const candidateEvent = existing.find((row) => row.block === 'candidate' && !row.cancelled);
    if (!candidateEvent) return;
    const sequence = nextSequence(candidateEvent, facts);
    const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(facts.interview.id, trx));
    const previousStartsAt = String(event.payload.previousStartsAt ?? candidateEvent.starts_at);
    const content = renderRescheduledInvitation({
      ...invitationInput(facts, portalUrl),
      previousStartsAt,
    });
    await this.sendCandidateInvite(facts, content, sequence, portalUrl, 'invitation_update', trx);
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
        ...candidateCalendarEvent(facts, { ...times, calendarDescription: content.text }, sequence, null),
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
    const invite = buildCalendarInvite(method, event, { privateTerms: candidatePrivateTerms(facts) });
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
