import { createHash } from 'node:crypto';
import {
  AppError,
  formatRangeInZone,
  type InvitationContent,
  interviewMinutes,
  localTimeToUtc,
  MAX_OFFERED_SLOTS,
  type MessagePreview,
  type OfferedSlot,
  type PortalSlotOffer,
  parseInstant,
  renderInvitation,
  renderRescheduledInvitation,
  renderSlotOffer,
  type SlotOfferPreview,
  type SlotOfferState,
  type slotOfferRequest,
  slotsInWindow,
  translator,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InterviewRow } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';
import {
  agendaMinutesOf,
  candidateAddressees,
  invitationInput,
  PORTAL_LINK_PLACEHOLDER,
  portalUrlFor,
  requireFacts,
} from '../invitations/invitation-mail.ts';
import type { InterviewFacts, InvitationsRepository } from '../invitations/repository.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import type { PortalTokens } from '../portal/portal-tokens.ts';
import type { PortalRepository } from '../portal/repository.ts';
import { confirmationOf, type OfferKind, type OfferStatus, type SlotOffersRepository } from './repository.ts';

type Trx = Kysely<Database>;
type OfferRequest = z.output<typeof slotOfferRequest>;

/** Stages in which times can be offered: before the invitation (it is the invitation) and after it. */
const OFFER_STAGES: readonly string[] = ['planned', 'invited'];

interface ComputedOffer {
  kind: OfferKind;
  slots: OfferedSlot[];
  excluded: Array<OfferedSlot & { reason: string }>;
  offer: MessagePreview;
  confirmations: InvitationContent[];
  digest: string;
}

/**
 * Candidate self-scheduling (decision 033). The navigator offers times; the offer and the
 * confirmation every time would send are previewed and approved together (one digest); the
 * candidate picks on the portal, and the pick books in one transaction that holds the panel's
 * rows (PostgreSQL) or the database's single writer (SQLite) while it checks their calendars,
 * so two picks can never both win the same person's time.
 */
export class SelfSchedulingService {
  /** Offers waiting for the invite step that sends them (see `sendOffer`), by interview. */
  private readonly staged = new Map<
    string,
    { kind: OfferKind; slots: Array<OfferedSlot & { confirmation: InvitationContent }>; createdBy: string }
  >();

  constructor(
    private readonly interviews: InterviewsService,
    private readonly facts: InvitationsRepository,
    private readonly repository: SlotOffersRepository,
    private readonly responses: PortalRepository,
    private readonly outbox: OutboxService,
    private readonly portalTokens: PortalTokens,
    private readonly events: InterviewEventLog,
    private readonly publicUrl: () => string,
    private readonly clock: Clock,
  ) {}

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      // A new time, place or the end of the interview makes the offered confirmations untrue.
      if (event.type === 'rescheduled' || event.type === 'place_changed' || event.type === 'cancelled') {
        await this.repository.withdrawOpen(event.interviewId, trx);
      }
    });
  }

  async previewOffer(actor: Actor, interviewId: string, request: OfferRequest): Promise<SlotOfferPreview> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    const computed = await this.compute(actor, interview, request);
    return {
      kind: computed.kind,
      slots: computed.slots,
      excluded: computed.excluded,
      offer: computed.offer,
      confirmation: pick(computed.confirmations[0]!),
      previewDigest: computed.digest,
    };
  }

  /**
   * Sends the previewed offer. Before the invitation it is the invitation: the lifecycle's
   * `invite` step runs and its event sends the offer instead of a fixed time (see
   * `sendPendingOffer`). Afterwards it is a new time to choose, sent with its own event.
   */
  async sendOffer(
    actor: Actor,
    interviewId: string,
    request: OfferRequest & { previewDigest: string },
  ): Promise<SlotOfferState> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    const computed = await this.compute(actor, interview, request);
    if (computed.digest !== request.previewDigest) {
      throw new AppError(
        'conflict',
        'The offer changed since you previewed it (or was not previewed). Look at it again, then send.',
        { previewDigest: 'Preview the offer again.' },
      );
    }
    const slots = computed.slots.map((slot, i) => ({ ...slot, confirmation: computed.confirmations[i]! }));
    if (interview.stage === 'planned') {
      // Handed to the invitation's listener, which stores and sends the offer in the invite's own
      // transaction: an invite that fails leaves no offer behind, and no later invitation finds one.
      this.staged.set(interviewId, { kind: computed.kind, slots, createdBy: actor.id });
      try {
        await this.interviews.invite(actor, interviewId, request.notReadyReason);
      } finally {
        this.staged.delete(interviewId);
      }
      return this.state(actor, interviewId);
    }
    const facts = await requireFacts(this.facts, interviewId);
    await this.events.transaction(async (trx, record) => {
      await this.repository.withdrawOpen(interviewId, trx);
      const offerId = await this.repository.insert(
        { interviewId, kind: computed.kind, status: 'open', createdBy: actor.id },
        slots,
        trx,
      );
      await record({
        interviewId,
        type: 'slots_offered',
        actorId: actor.id,
        payload: { count: slots.length, kind: computed.kind },
      });
      await this.enqueueOffer(facts, computed.kind, computed.slots, trx);
      return offerId;
    });
    return this.state(actor, interviewId);
  }

  /**
   * The invitation's listener asks this first: with an offer staged by `sendOffer`, the offer goes
   * out instead of a fixed time, and no calendar entry is sent until the candidate picks.
   */
  async sendPendingOffer(interviewId: string, trx: Trx): Promise<boolean> {
    const staged = this.staged.get(interviewId);
    if (!staged) return false;
    const facts = await requireFacts(this.facts, interviewId, trx);
    await this.repository.insert(
      { interviewId, kind: staged.kind, status: 'open', createdBy: staged.createdBy },
      staged.slots,
      trx,
    );
    await this.enqueueOffer(facts, staged.kind, staged.slots, trx);
    return true;
  }

  async state(actor: Actor, interviewId: string): Promise<SlotOfferState> {
    await this.interviews.access(actor, interviewId, 'view');
    const offer = await this.repository.latest(interviewId);
    if (!offer) return { offer: null };
    const slots = await this.repository.slots(offer.id);
    return {
      offer: {
        id: offer.id,
        kind: offer.kind as OfferKind,
        status: offer.status as OfferStatus,
        createdAt: offer.created_at,
        pickedAt: offer.picked_at,
        slots: slots.map((slot) => ({
          id: slot.id,
          startsAt: slot.starts_at,
          endsAt: slot.ends_at,
          picked: slot.id === offer.picked_slot_id,
        })),
      },
    };
  }

  /** The portal's picker: the open offer's times, each marked when someone took it since. */
  async portalOffer(facts: InterviewFacts): Promise<PortalSlotOffer | null> {
    const offer = await this.repository.latest(facts.interview.id);
    if (!offer || (offer.status !== 'open' && offer.status !== 'booked')) return null;
    const slots = await this.repository.slots(offer.id);
    const now = utcNow(this.clock).toMillis();
    const open = offer.status === 'open';
    const available = await Promise.all(
      slots.map(async (slot) =>
        open && Date.parse(slot.starts_at) > now
          ? (await this.conflicts(facts.interview, slot.starts_at)).length === 0
          : false,
      ),
    );
    return {
      kind: offer.kind as OfferKind,
      interviewTimeZone: facts.interview.time_zone,
      awaitingPick: open && offer.kind === 'invitation',
      pickedSlotId: offer.picked_slot_id,
      slots: slots.map((slot, i) => {
        const start = parseInstant(slot.starts_at);
        const end = parseInstant(slot.ends_at, 'endsAt');
        return {
          id: slot.id,
          startsAt: slot.starts_at,
          endsAt: slot.ends_at,
          inCandidateZone: formatRangeInZone(
            start,
            end,
            facts.candidate.timeZone,
            true,
            facts.candidate.locale,
          ),
          inInterviewZone: formatRangeInZone(
            start,
            end,
            facts.interview.time_zone,
            true,
            facts.candidate.locale,
          ),
          available: available[i]!,
        };
      }),
    };
  }

  /**
   * The candidate's pick. Everything that decides whether it may book is read again inside the
   * transaction that books it: the offer is still open, and nobody on the panel has another
   * interview then. On PostgreSQL the panel's user rows are locked first (in id order, so two
   * picks never wait on each other in a circle); SQLite has one writer, which serialises picks.
   */
  async pick(facts: InterviewFacts, slotId: string): Promise<void> {
    const interviewId = facts.interview.id;
    // The candidate reads every refusal here on the portal, in their own language.
    const { t } = translator(facts.candidate.locale);
    const offer = await this.repository.byStatus(interviewId, 'open');
    if (!offer) throw new AppError('conflict', t('slots.errorNoLongerOffered'));
    const slot = await this.repository.slot(slotId);
    if (!slot || slot.offer_id !== offer.id) {
      throw new AppError('unprocessable', t('slots.errorNotOffered'), { slotId: t('slots.fieldNotOffered') });
    }
    if (Date.parse(slot.starts_at) <= utcNow(this.clock).toMillis()) {
      throw new AppError('conflict', t('slots.errorPassed'), { slotId: t('slots.fieldPassed') });
    }
    // The confirmation goes out as the navigator approved it; a change since then (a new place,
    // another name) would make it untrue, so the offer no longer stands.
    const fresh = this.confirmationFor(facts, offer.kind as OfferKind, slot);
    const approved = confirmationOf(slot);
    if (contentDigest(fresh) !== contentDigest(approved)) {
      throw new AppError(
        'conflict',
        t('slots.errorChanged', { name: facts.navigator.name, email: facts.navigator.email }),
      );
    }
    const panel = [facts.navigator.id, ...facts.shadows.map((s) => s.id)].sort();
    await this.events.transaction(async (trx, record) => {
      await this.repository.lockUsers(panel, trx);
      const interview = await this.repository.interview(interviewId, trx);
      if (!OFFER_STAGES.includes(interview.stage)) {
        throw new AppError('conflict', t('slots.errorNotAhead'));
      }
      const overlaps = await this.conflicts(interview, slot.starts_at, trx);
      if (overlaps.length > 0) {
        throw new AppError('conflict', t('slots.errorTaken'), { slotId: t('slots.fieldTaken') });
      }
      const at = utcNow(this.clock).toISO();
      const booked = await this.repository.setStatus(offer.id, 'open', 'booked', trx, { slotId, at });
      if (!booked) {
        throw new AppError('conflict', t('slots.errorAlreadyChosen'));
      }
      const candidateEvent = await this.repository.candidateCalendarEvent(interviewId, trx);
      // Calendars already holding the interview get the new time in place, with a higher SEQUENCE.
      const sequence = candidateEvent ? interview.calendar_sequence + 1 : interview.calendar_sequence;
      await this.repository.moveInterview(interviewId, { startsAt: slot.starts_at, sequence, at }, trx);
      // Choosing a time is the candidate's confirmation of it.
      await this.responses.insertResponse(
        interviewId,
        { kind: 'confirmed', reason: null, calendarSequence: sequence },
        trx,
      );
      await record({
        interviewId,
        type: 'slot_picked',
        actorId: null,
        payload: {
          offerId: offer.id,
          slotId,
          startsAt: slot.starts_at,
          previousStartsAt: interview.starts_at,
          timeZone: interview.time_zone,
        },
      });
    });
  }

  /** The panel's other interviews at this time; an offer nobody picked from yet holds nobody. */
  private async conflicts(interview: InterviewRow, startsAt: string, trx?: Trx) {
    const shadowIds = await this.repository.shadowIdsOf(interview.id, trx);
    const overlaps = await this.repository.panelOverlaps(
      {
        navigatorId: interview.navigator_id,
        shadowIds,
        startsAt,
        timeZone: interview.time_zone,
        ...agendaMinutesOf(interview),
        interviewId: interview.id,
      },
      trx,
    );
    const placeholders = await this.repository.awaitingPick(
      overlaps.map((o) => o.interviewId),
      trx,
    );
    return overlaps.filter((o) => !placeholders.has(o.interviewId));
  }

  private async compute(
    actor: Actor,
    interview: InterviewRow,
    request: OfferRequest,
  ): Promise<ComputedOffer> {
    if (!OFFER_STAGES.includes(interview.stage)) {
      throw new AppError('illegal_transition', 'Times can be offered until the candidate checks in.');
    }
    const facts = await requireFacts(this.facts, interview.id);
    const invited = await this.facts.calendarEvents(interview.id);
    const kind: OfferKind = invited.some((row) => row.block === 'candidate' && !row.cancelled)
      ? 'reschedule'
      : 'invitation';
    const candidates = this.requestedSlots(interview, request);
    const now = utcNow(this.clock).toMillis();
    const slots: OfferedSlot[] = [];
    const excluded: ComputedOffer['excluded'] = [];
    for (const slot of candidates) {
      if (Date.parse(slot.startsAt) <= now) excluded.push({ ...slot, reason: 'This time has passed.' });
      else if (slot.startsAt === interview.starts_at && kind === 'reschedule')
        excluded.push({ ...slot, reason: 'This is the current time.' });
      else if ((await this.conflicts(interview, slot.startsAt)).length > 0)
        excluded.push({ ...slot, reason: 'Someone on the panel has another interview then.' });
      else slots.push(slot);
    }
    if (slots.length === 0) {
      throw new AppError('unprocessable', 'None of these times can be offered.', {
        [request.window ? 'window' : 'slots']:
          'Every one of these times has passed or is booked for someone on the panel: choose others.',
      });
    }
    void actor;
    const offer = renderSlotOffer({
      candidate: { name: facts.candidate.name, timeZone: facts.candidate.timeZone },
      positionTitle: facts.position.title,
      interviewTimeZone: facts.interview.time_zone,
      slots,
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      portalUrl: portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER),
      rescheduling: kind === 'reschedule',
      locale: facts.candidate.locale,
    });
    const confirmations = slots.map((slot) => this.confirmationFor(facts, kind, slot));
    const digest = createHash('sha256')
      .update(JSON.stringify([pick(offer), confirmations.map(contentDigest)]))
      .digest('hex');
    return { kind, slots, excluded, offer: pick(offer), confirmations, digest };
  }

  /** The offered starts, each a real instant in the request's zone, in order and once each. */
  private requestedSlots(interview: InterviewRow, request: OfferRequest): OfferedSlot[] {
    const length = interviewMinutes(agendaMinutesOf(interview));
    if ((request.slots ? 1 : 0) + (request.window ? 1 : 0) !== 1) {
      throw new AppError('unprocessable', 'Offer either a few times or a window.', {
        slots: 'Give a few times, or a window with a slot length, not both.',
      });
    }
    // Stored as every other instant is (UTC with milliseconds), so the strings compare as the instants do.
    const end = (startsAt: string) => new Date(Date.parse(startsAt) + length * 60_000).toISOString();
    if (request.window) {
      const from = localTimeToUtc(request.window.fromLocal, request.timeZone, undefined, 'window.fromLocal');
      const to = localTimeToUtc(request.window.toLocal, request.timeZone, undefined, 'window.toLocal');
      return slotsInWindow(from, to, request.window.slotMinutes, length);
    }
    const starts = request.slots!.map((local, i) =>
      localTimeToUtc(local, request.timeZone, undefined, `slots.${i}`),
    );
    const unique = [...new Set(starts)].sort().slice(0, MAX_OFFERED_SLOTS);
    return unique.map((startsAt) => ({ startsAt, endsAt: end(startsAt) }));
  }

  /** What a pick of this time sends: the invitation, or the update of an existing one, for that time. */
  private confirmationFor(
    facts: InterviewFacts,
    kind: OfferKind,
    slot: { starts_at?: string; startsAt?: string },
  ) {
    const startsAt = slot.startsAt ?? slot.starts_at!;
    const moved: InterviewFacts = { ...facts, interview: { ...facts.interview, starts_at: startsAt } };
    const input = invitationInput(moved, portalUrlFor(this.publicUrl(), PORTAL_LINK_PLACEHOLDER));
    return kind === 'invitation'
      ? renderInvitation(input)
      : renderRescheduledInvitation({ ...input, previousStartsAt: facts.interview.starts_at });
  }

  private async enqueueOffer(facts: InterviewFacts, kind: OfferKind, slots: OfferedSlot[], trx: Trx) {
    const portalUrl = portalUrlFor(this.publicUrl(), await this.portalTokens.mint(facts.interview.id, trx));
    const content = renderSlotOffer({
      candidate: { name: facts.candidate.name, timeZone: facts.candidate.timeZone },
      positionTitle: facts.position.title,
      interviewTimeZone: facts.interview.time_zone,
      slots,
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      portalUrl,
      rescheduling: kind === 'reschedule',
      locale: facts.candidate.locale,
    });
    await this.outbox.enqueue(
      {
        kind: 'slot_offer',
        interviewId: facts.interview.id,
        mail: {
          ...candidateAddressees(facts),
          subject: content.subject,
          text: content.text,
          html: content.html,
        },
      },
      trx,
    );
  }
}

const pick = (content: MessagePreview): MessagePreview => ({
  subject: content.subject,
  text: content.text,
  html: content.html,
});

/** Everything of a confirmation that reaches the candidate, mail and calendar entry alike. */
function contentDigest(content: InvitationContent): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        content.subject,
        content.text,
        content.html,
        content.calendarDescription,
        content.startsAt,
        content.endsAt,
      ]),
    )
    .digest('hex');
}
