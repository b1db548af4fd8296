import { randomUUID } from 'node:crypto';
import type { InvitationContent } from '@pairwise/domain';
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';
import { findOverlaps } from '../interviews/planning.ts';

type Executor = Kysely<Database>;
export type SlotOfferRow = Database['slot_offers'];
export type OfferedSlotRow = Database['offered_slots'];
export type OfferKind = 'invitation' | 'reschedule';
export type OfferStatus = 'open' | 'booked' | 'withdrawn';

/** A confirmation as the navigator approved it, stored with its slot. */
const confirmationColumn = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  agenda: z.array(
    z.object({
      kind: z.enum(['setup', 'pairing', 'break', 'retro']),
      label: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      minutes: z.number(),
    }),
  ),
  calendarDescription: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
}) satisfies z.ZodType<InvitationContent>;

/** The confirmation a pick of this slot sends, as approved. */
export const confirmationOf = (slot: Pick<OfferedSlotRow, 'confirmation'>): InvitationContent =>
  parseJsonColumn(confirmationColumn, slot.confirmation);

/** Offers of times and the approved confirmation of each time. */
export class SlotOffersRepository {
  constructor(
    private readonly db: Executor,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  /**
   * The panel's other interviews at this time, read by the planning guard's own query (inside the
   * pick's transaction when given one). The candidate is named to nobody here.
   */
  panelOverlaps(input: Parameters<typeof findOverlaps>[2], trx: Executor = this.db) {
    return findOverlaps(trx, { id: '', admin: false }, input);
  }

  async insert(
    offer: { interviewId: string; kind: OfferKind; status: OfferStatus; createdBy: string },
    slots: Array<{ startsAt: string; endsAt: string; confirmation: InvitationContent }>,
    trx: Executor = this.db,
  ): Promise<string> {
    const id = randomUUID();
    await trx
      .insertInto('slot_offers')
      .values({
        id,
        interview_id: offer.interviewId,
        kind: offer.kind,
        status: offer.status,
        picked_slot_id: null,
        picked_at: null,
        created_by: offer.createdBy,
        created_at: DateTime.utc().toISO(),
      })
      .execute();
    for (const slot of slots) {
      await trx
        .insertInto('offered_slots')
        .values({
          id: randomUUID(),
          offer_id: id,
          starts_at: slot.startsAt,
          ends_at: slot.endsAt,
          confirmation: toJsonColumn(slot.confirmation),
        })
        .execute();
    }
    return id;
  }

  /** The newest offer of an interview, whatever its status. */
  latest(interviewId: string, executor: Executor = this.db): Promise<SlotOfferRow | undefined> {
    return executor
      .selectFrom('slot_offers')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .executeTakeFirst();
  }

  byStatus(interviewId: string, status: OfferStatus, executor: Executor = this.db) {
    return executor
      .selectFrom('slot_offers')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .where('status', '=', status)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  slots(offerId: string, executor: Executor = this.db): Promise<OfferedSlotRow[]> {
    return executor
      .selectFrom('offered_slots')
      .selectAll()
      .where('offer_id', '=', offerId)
      .orderBy('starts_at')
      .execute();
  }

  slot(slotId: string, executor: Executor = this.db): Promise<OfferedSlotRow | undefined> {
    return executor.selectFrom('offered_slots').selectAll().where('id', '=', slotId).executeTakeFirst();
  }

  /** Moves an offer on only from the status the caller saw, so two writers cannot both win. */
  async setStatus(
    offerId: string,
    from: OfferStatus,
    to: OfferStatus,
    trx: Executor,
    picked?: { slotId: string; at: string },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('slot_offers')
      .set({
        status: to,
        ...(picked ? { picked_slot_id: picked.slotId, picked_at: picked.at } : {}),
      })
      .where('id', '=', offerId)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async withdrawOpen(interviewId: string, trx: Executor): Promise<void> {
    await trx
      .updateTable('slot_offers')
      .set({ status: 'withdrawn' })
      .where('interview_id', '=', interviewId)
      .where('status', '=', 'open')
      .execute();
  }

  /**
   * Of these interviews, those whose invitation is an offer nobody picked from yet: their stored
   * time is only the plan's placeholder, so it holds nobody's calendar against a pick.
   */
  async awaitingPick(interviewIds: string[], executor: Executor = this.db): Promise<Set<string>> {
    if (interviewIds.length === 0) return new Set();
    const rows = await executor
      .selectFrom('slot_offers')
      .select('interview_id')
      .where('interview_id', 'in', interviewIds)
      .where('kind', '=', 'invitation')
      .where('status', '=', 'open')
      .execute();
    return new Set(rows.map((row) => row.interview_id));
  }

  /**
   * Locks these users' rows (in id order, so two picks never wait on each other in a circle) on
   * PostgreSQL; SQLite has one writer, which serialises picks already.
   */
  async lockUsers(userIds: readonly string[], trx: Executor): Promise<void> {
    if (this.dialect !== 'postgres' || userIds.length === 0) return;
    const sorted = [...userIds].sort();
    await sql`SELECT id FROM users WHERE id IN (${sql.join(sorted)}) ORDER BY id FOR UPDATE`.execute(trx);
  }

  interview(interviewId: string, trx: Executor) {
    return trx.selectFrom('interviews').selectAll().where('id', '=', interviewId).executeTakeFirstOrThrow();
  }

  /** The candidate's calendar event of the interview, if one was sent and not cancelled. */
  candidateCalendarEvent(interviewId: string, trx: Executor) {
    return trx
      .selectFrom('calendar_events')
      .select('uid')
      .where('interview_id', '=', interviewId)
      .where('block', '=', 'candidate')
      .where('cancelled', '=', 0)
      .executeTakeFirst();
  }

  /** The picked time becomes the interview's, with the SEQUENCE calendars are sent next. */
  async moveInterview(
    interviewId: string,
    to: { startsAt: string; sequence: number; at: string },
    trx: Executor,
  ): Promise<void> {
    await trx
      .updateTable('interviews')
      .set({ starts_at: to.startsAt, calendar_sequence: to.sequence, updated_at: to.at })
      .where('id', '=', interviewId)
      .execute();
  }

  async shadowIdsOf(interviewId: string, executor: Executor = this.db): Promise<string[]> {
    const rows = await executor
      .selectFrom('interview_shadows')
      .select('user_id')
      .where('interview_id', '=', interviewId)
      .execute();
    return rows.map((row) => row.user_id);
  }
}
