import { DateTime } from 'luxon';

/** How long candidate data is kept after the process ends. */
export const RETENTION_PRESETS = {
  eu_6_months: { label: 'EU: 6 months', months: 6 },
  us_1_year: { label: 'US: 1 year', months: 12 },
  us_federal_2_years: { label: 'US federal contractor: 2 years', months: 24 },
} as const;
export type RetentionPresetId = keyof typeof RETENTION_PRESETS | 'custom';

export interface RetentionPeriod {
  preset: RetentionPresetId;
  /** Used only by 'custom'; the presets count calendar months, not a number of days. */
  days: number;
}

export const DEFAULT_RETENTION: RetentionPeriod = { preset: 'eu_6_months', days: 183 };

export interface RetentionCandidate {
  candidateId: string;
  /** When each finished interview ended: its decision, or its cancellation or no-show. */
  closedAt: string[];
  /** An interview that is neither decided nor closed: the candidate is still in the process. */
  hasOpenInterview: boolean;
  legalHold: boolean;
  erasedAt: string | null;
}

export interface RetentionVerdict {
  candidateId: string;
  /** Null while no interview has finished, while one is open, or once erased. */
  eraseAfter: string | null;
  legalHold: boolean;
}

export function addRetention(closedAt: string, period: RetentionPeriod): DateTime {
  const from = DateTime.fromISO(closedAt, { zone: 'utc' });
  return period.preset === 'custom'
    ? from.plus({ days: period.days })
    : from.plus({ months: RETENTION_PRESETS[period.preset].months });
}

/**
 * When each candidate's data may be erased: the retention period counted from the end of their
 * latest process (a decision, a cancellation or a no-show), so a candidate who applies again keeps
 * their history for the new process, and one whose interview never happened is not kept forever.
 */
export function retentionVerdicts(
  candidates: RetentionCandidate[],
  period: RetentionPeriod,
): RetentionVerdict[] {
  return candidates.map((candidate) => {
    const latest = [...candidate.closedAt].sort().at(-1);
    const eraseAfter =
      latest && !candidate.hasOpenInterview && !candidate.erasedAt
        ? addRetention(latest, period).toUTC().toISO()
        : null;
    return { candidateId: candidate.candidateId, eraseAfter, legalHold: candidate.legalHold };
  });
}

/** Due now and not held: what the daily job erases. */
export const isErasable = (verdict: RetentionVerdict, now: Date): boolean =>
  !verdict.legalHold && verdict.eraseAfter !== null && verdict.eraseAfter <= now.toISOString();

/** Due within `days` from now (held ones included, so the admin sees what a hold is keeping). */
export const isUpcoming = (verdict: RetentionVerdict, now: Date, days: number): boolean =>
  verdict.eraseAfter !== null &&
  verdict.eraseAfter <= DateTime.fromJSDate(now).toUTC().plus({ days }).toISO()!;
