import type { DecisionOutcome, Report } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseJsonColumn, toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

const names = z.array(z.string());

export interface DecisionValues {
  interviewId: string;
  outcome: DecisionOutcome;
  note: string;
  decidedBy: string;
  decidedAt: string;
  /** Set only when the line manager decided without the whole panel. */
  proceededWithoutPanel: { reason: string; missing: string[] } | null;
}

/** The names a report is headed with, and the decision, read in one statement. */
export interface ReportHeading {
  candidateName: string;
  positionTitle: string;
  taskTitle: string;
  navigatorName: string;
  decision: Report['decision'];
}

/** The reports feature's SQL: the report's heading and the line manager's decision. */
export class ReportsRepository {
  constructor(private readonly db: Executor) {}

  /**
   * The four names and the decision in one statement: on PostgreSQL each was a round trip of its
   * own (the interview detail's five part queries, then the decision's), for four strings.
   */
  async heading(interviewId: string): Promise<ReportHeading | undefined> {
    const row = await this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .innerJoin('tasks', 'tasks.id', 'interviews.task_id')
      .innerJoin('users as navigator', 'navigator.id', 'interviews.navigator_id')
      .leftJoin('decisions', 'decisions.interview_id', 'interviews.id')
      .leftJoin('users as decider', 'decider.id', 'decisions.decided_by')
      .select([
        'candidates.name as candidate_name',
        'positions.title as position_title',
        'tasks.title as task_title',
        'navigator.name as navigator_name',
        'decisions.outcome',
        'decisions.note',
        'decisions.decided_at',
        'decisions.proceeded_without_panel_reason',
        'decisions.missing_panel_members',
        'decider.name as decider_name',
      ])
      .where('interviews.id', '=', interviewId)
      .executeTakeFirst();
    if (!row) return undefined;
    const { outcome, note, decided_at: decidedAt, decider_name: decidedByName } = row;
    // The left joins' columns are null while there is no decision.
    const decided = outcome !== null && note !== null && decidedAt !== null && decidedByName !== null;
    return {
      candidateName: row.candidate_name,
      positionTitle: row.position_title,
      taskTitle: row.task_title,
      navigatorName: row.navigator_name,
      decision: decided
        ? {
            outcome: outcome as DecisionOutcome,
            note,
            decidedAt,
            decidedByName,
            proceededWithoutPanel: row.proceeded_without_panel_reason
              ? {
                  reason: row.proceeded_without_panel_reason,
                  missing: parseJsonColumn(names, row.missing_panel_members ?? '[]'),
                }
              : null,
          }
        : null,
    };
  }

  /** Inside the transaction that moves the interview on, so the decision and its stage agree. */
  async insertDecision(values: DecisionValues, executor: Executor): Promise<void> {
    await executor
      .insertInto('decisions')
      .values({
        interview_id: values.interviewId,
        outcome: values.outcome,
        note: values.note,
        decided_by: values.decidedBy,
        decided_at: values.decidedAt,
        proceeded_without_panel_reason: values.proceededWithoutPanel?.reason ?? null,
        missing_panel_members: values.proceededWithoutPanel
          ? toJsonColumn(values.proceededWithoutPanel.missing)
          : null,
      })
      .execute();
  }
}
