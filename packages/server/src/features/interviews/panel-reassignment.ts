import type { InterviewToReassign, Stage } from '@pairwise/domain';
import type { InterviewEventLog } from './event-log.ts';
import type { InterviewsRepository } from './repository.ts';

/** Stages in which a shadow's seat can simply be given up: nobody has met the candidate yet. */
const NOT_STARTED: Stage[] = ['planned', 'invited'];
/** Stages in which the panel still has work to do; after refinement the report is written. */
const PANEL_NEEDED: Stage[] = [
  'planned',
  'invited',
  'checked_in',
  'setup',
  'pairing',
  'wrap',
  'break',
  'retrospective',
  'refinement',
];

type Seat = 'navigator' | 'shadow';

/**
 * What a deactivated account leaves behind on interviews. A shadow on an interview that has not
 * started is taken off its panel; a navigator, or anyone on an interview under way, stays until
 * someone is reassigned, and both are shown: on the interview page and in the admins' list. Who
 * is missing is computed from the accounts every time, so a reactivated colleague clears it.
 */
export class PanelReassignment {
  constructor(
    private readonly interviews: InterviewsRepository,
    private readonly log: InterviewEventLog,
  ) {}

  async memberDeactivated(user: { id: string; name: string }, actorId: string | null): Promise<void> {
    const seats = await this.interviews.seatsOf(user.id, PANEL_NEEDED);
    for (const interview of seats) {
      const seat: Seat = interview.navigator_id === user.id ? 'navigator' : 'shadow';
      const removed = seat === 'shadow' && NOT_STARTED.includes(interview.stage);
      await this.log.transaction(async (trx, record) => {
        if (removed) await this.interviews.removeShadow(interview.id, user.id, trx);
        await record({
          interviewId: interview.id,
          type: 'panel_member_deactivated',
          actorId,
          payload: { userId: user.id, name: user.name, seat, removed },
        });
      });
    }
  }

  /** The deactivated members one interview still names on its panel, while it needs them. */
  async forInterview(interview: { id: string; stage: Stage; navigator_id: string }) {
    if (!PANEL_NEEDED.includes(interview.stage)) return [];
    return (await this.inactiveSeats([interview.id])).get(interview.id) ?? [];
  }

  /** Every interview that needs a panel member reassigned, soonest first (admins only). */
  async list(): Promise<InterviewToReassign[]> {
    const rows = await this.interviews.withInactivePanel(PANEL_NEEDED, 500);
    const seats = await this.inactiveSeats(rows.map((row) => row.id));
    return rows.map((row) => ({
      id: row.id,
      stage: row.stage,
      startsAt: row.starts_at,
      candidateName: row.candidate_name,
      positionTitle: row.position_title,
      members: seats.get(row.id) ?? [],
    }));
  }

  private async inactiveSeats(interviewIds: string[]) {
    const seats = new Map<string, Array<{ id: string; name: string; seat: Seat }>>();
    if (interviewIds.length === 0) return seats;
    const { navigators, shadows } = await this.interviews.inactivePanelMembers(interviewIds);
    for (const [rows, seat] of [
      [navigators, 'navigator'],
      [shadows, 'shadow'],
    ] as const) {
      for (const row of rows) {
        const list = seats.get(row.interview_id) ?? [];
        list.push({ id: row.id, name: row.name, seat });
        seats.set(row.interview_id, list);
      }
    }
    return seats;
  }
}
