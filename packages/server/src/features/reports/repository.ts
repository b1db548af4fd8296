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

/** The only SQL of the reports feature: the line manager's decision. */
export class ReportsRepository {
  constructor(private readonly db: Executor) {}

  async decision(interviewId: string): Promise<Report['decision']> {
    const row = await this.db
      .selectFrom('decisions')
      .innerJoin('users', 'users.id', 'decisions.decided_by')
      .select([
        'decisions.outcome',
        'decisions.note',
        'decisions.decided_at',
        'decisions.proceeded_without_panel_reason',
        'decisions.missing_panel_members',
        'users.name',
      ])
      .where('decisions.interview_id', '=', interviewId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      outcome: row.outcome as DecisionOutcome,
      note: row.note,
      decidedAt: row.decided_at,
      decidedByName: row.name,
      proceededWithoutPanel: row.proceeded_without_panel_reason
        ? {
            reason: row.proceeded_without_panel_reason,
            missing: parseJsonColumn(names, row.missing_panel_members ?? '[]'),
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
