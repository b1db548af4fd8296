import {
  type InvitationContent,
  renderCancellation,
  renderInterviewerBlockMessage,
  renderInvitation,
  renderRescheduledInvitation,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { buildCalendarInvite } from '../../platform/calendar/calendar-invites.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewEventLog, InterviewEventRecord } from '../interviews/event-log.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { PortalTokens } from '../portal/portal-tokens.ts';
import { withPortalLink } from '../self-scheduling/confirmation.ts';
import {
  blockCalendarEvent,
  type CalendarBlock,
  calendarUid,
  candidateAddressees,
  candidateCalendarEvent,
  candidatePrivateTerms,
  interviewUrlFor,
  invitationInput,
  type PanelBlock,
  panelBlocks,
  portalUrlFor,
  requireFacts,
} from './invitation-mail.ts';
import type { CalendarEventRow, InterviewFacts, InvitationsRepository } from './repository.ts';

type Trx = Kysely<Database>;
type Change = 'new' | 'updated' | 'cancelled';

/**
 * Keeps calendars in step with the interview: the candidate's mail with its REQUEST, the panel's
 * own blocks, updates in place on a new time or place (same UIDs, higher SEQUENCE) and CANCEL on
 * cancellation. All of it is enqueued inside the transaction of the lifecycle change that caused
 * it, so a change and its mail commit together or not at all.
 */
export class InvitationCalendarMail {
  constructor(
    private readonly repository: InvitationsRepository,
    private readonly outbox: OutboxService,
    private readonly portalTokens: PortalTokens,
    private readonly publicUrl: () => string,
  ) {}

  /** Self-scheduling's say on the invitation: an offer of times goes out instead of a fixed time. */
  offerInstead: (interviewId: string, trx: Trx) => Promise<boolean> = async () => false;

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      if (event.type === 'invited') await this.sendInvitation(event, trx);
      else if (event.type === 'rescheduled') await this.sendUpdates(event, trx);
      else if (event.type === 'place_changed') await this.sendUpdates(event, trx, ['interview']);
      else if (event.type === 'cancelled') await this.sendCancellations(event, trx);
      else if (event.type === 'slot_picked') await this.sendPicked(event, trx);
    });
  }

  private async sendInvitation(event: InterviewEventRecord, trx: Trx): Promise<void> {
    if (await this.offerInstead(event.interviewId, trx)) return;
    const facts = await requireFacts(this.repository, event.interviewId, trx);
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
          ...candidateAddressees(facts),
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
    const facts = await requireFacts(this.repository, event.interviewId, trx);
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
    const facts = await requireFacts(this.repository, event.interviewId, trx);
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
    const facts = await requireFacts(this.repository, event.interviewId, trx);
    const existing = (await this.repository.calendarEvents(facts.interview.id, trx)).filter(
      (row) => !row.cancelled,
    );
    const candidateEvent = existing.find((row) => row.block === 'candidate');
    if (candidateEvent) {
      const sequence = candidateEvent.sequence + 1;
      const content = cancellationContent(facts, candidateEvent);
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
            ...candidateAddressees(facts),
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

// The staff's reason stays inside Pairwise: the candidate's text never assigns fault.
export function cancellationContent(facts: InterviewFacts, candidateEvent: CalendarEventRow) {
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

/** Never below what was sent before, and never below the interview's own counter. */
function nextSequence(row: CalendarEventRow, facts: InterviewFacts): number {
  return Math.max(row.sequence + 1, facts.interview.calendar_sequence);
}

const now = () => DateTime.utc().toISO();
