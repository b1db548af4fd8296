import type { PanelMember } from '@pairwise/domain';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Executor, InterviewRow } from './repository.ts';

/** What an interview's own panel member's writing (a note) needs of it: who navigates, its stage, whose data. */
export type MemberInterview = Pick<InterviewRow, 'id' | 'candidate_id' | 'navigator_id' | 'stage'>;
const memberInterviewColumns = [
  'interviews.id',
  'interviews.candidate_id',
  'interviews.navigator_id',
  'interviews.stage',
] as const;

/**
 * The reads every request on an interview starts with: who may do what (the interview, its
 * shadows, its position's line manager), a member's own path, and the panel's submissions.
 */
export class InterviewAccessQueries {
  constructor(private readonly db: Executor) {}

  /**
   * What an access check needs, in one query: the interview, its shadows and its position's line
   * manager. Every request on an interview (each note saved, too) starts here, so it is one
   * round trip rather than three.
   */
  // Every interview request's access check, the live note save's included: compiled once.
  private readonly accessRows = preparedQuery(['interviewId'] as const, (slot) =>
    this.db
      .selectFrom('interviews')
      .leftJoin('positions', 'positions.id', 'interviews.position_id')
      .leftJoin('interview_shadows', 'interview_shadows.interview_id', 'interviews.id')
      .selectAll('interviews')
      .select([
        'positions.line_manager_id as access_line_manager_id',
        'interview_shadows.user_id as access_shadow_id',
      ])
      .where('interviews.id', '=', slot.interviewId)
      .orderBy('interview_shadows.user_id'),
  );

  async accessFacts(
    interviewId: string,
  ): Promise<{ interview: InterviewRow; shadowIds: string[]; lineManagerId: string | null } | undefined> {
    const { rows } = await this.accessRows(this.db, { interviewId });
    const first = rows[0];
    if (!first) return undefined;
    const { access_line_manager_id: lineManagerId, access_shadow_id: _shadow, ...interview } = first;
    return {
      interview,
      shadowIds: rows.flatMap((row) => (row.access_shadow_id ? [row.access_shadow_id] : [])),
      lineManagerId,
    };
  }

  /**
   * `accessFacts` plus whether this person submitted their scorecard: all a note save's window
   * needs of the panel (their own path), in the same single query, compiled once. The full panel
   * (`panel`) is another query with a list in it, which a save at the live session's pace need not pay.
   * Only the columns a member's own writing needs: the whole row (its checklist and plan are JSON
   * texts) was copied into JavaScript and taken apart on every save, for four of its values.
   */
  private readonly authorRows = preparedQuery(['interviewId', 'authorId'] as const, (slot) =>
    this.db
      .selectFrom('interviews')
      .leftJoin('positions', 'positions.id', 'interviews.position_id')
      .leftJoin('interview_shadows', 'interview_shadows.interview_id', 'interviews.id')
      .leftJoin('scorecards', (join) =>
        join
          .onRef('scorecards.interview_id', '=', 'interviews.id')
          .on('scorecards.author_id', '=', slot.authorId)
          .on('scorecards.submitted_at', 'is not', null),
      )
      .select([
        ...memberInterviewColumns,
        'positions.line_manager_id as access_line_manager_id',
        'interview_shadows.user_id as access_shadow_id',
        'scorecards.author_id as access_submitted_by',
      ])
      .where('interviews.id', '=', slot.interviewId)
      .orderBy('interview_shadows.user_id'),
  );

  async authorFacts(
    interviewId: string,
    authorId: string,
  ): Promise<
    | {
        interview: MemberInterview;
        shadowIds: string[];
        lineManagerId: string | null;
        submitted: boolean;
      }
    | undefined
  > {
    const { rows } = await this.authorRows(this.db, { interviewId, authorId });
    const first = rows[0];
    if (!first) return undefined;
    return {
      interview: {
        id: first.id,
        candidate_id: first.candidate_id,
        navigator_id: first.navigator_id,
        stage: first.stage,
      },
      shadowIds: rows.flatMap((row) => (row.access_shadow_id ? [row.access_shadow_id] : [])),
      lineManagerId: first.access_line_manager_id,
      submitted: first.access_submitted_by !== null,
    };
  }

  /** The panel in order (navigator first) with whether each member's scorecard is submitted. */
  async panel(
    interviewId: string,
    navigatorId: string,
    shadowIds: readonly string[],
  ): Promise<PanelMember[]> {
    const ids = [navigatorId, ...shadowIds];
    // One query: names and submissions together (a panel is a few people).
    const rows = await this.db
      .selectFrom('users')
      .leftJoin('scorecards', (join) =>
        join
          .onRef('scorecards.author_id', '=', 'users.id')
          .on('scorecards.interview_id', '=', interviewId)
          .on('scorecards.submitted_at', 'is not', null),
      )
      .select(['users.id', 'users.name', 'scorecards.author_id as submitted_by'])
      .where('users.id', 'in', ids)
      .execute();
    const names = new Map(rows.map((row) => [row.id, row.name]));
    const done = new Set(rows.flatMap((row) => (row.submitted_by ? [row.submitted_by] : [])));
    return ids.map((id, index) => ({
      id,
      name: names.get(id) ?? '',
      role: index === 0 ? 'navigator' : 'shadow',
      submitted: done.has(id),
    }));
  }
}
