import { CalibrationAccumulator, type CalibrationSums } from '@pairwise/domain';

// What the calibration page keeps between requests: parsed rows of sums, and each period's rows
// added up (decisions 045 and 058). The rows themselves are kept by the database (migration 031).

/** Parsed rows of sums by scope and bucket, each valid for one revision; the least recently used go first. */
export class ParsedSums {
  private readonly rows = new Map<string, { revision: string; sums: CalibrationSums }>();

  constructor(private readonly capacity: number) {}

  get(key: string, revision: string): CalibrationSums | undefined {
    const row = this.rows.get(key);
    if (!row || row.revision !== revision) return undefined;
    this.rows.delete(key);
    this.rows.set(key, row);
    return row.sums;
  }

  set(key: string, revision: string, sums: CalibrationSums): void {
    this.rows.delete(key);
    this.rows.set(key, { revision, sums });
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }

  delete(key: string): void {
    this.rows.delete(key);
  }
}

/** A row of sums as a period adds it: its revision, whether it is added or taken out, and its parsed sums. */
export interface KeptRow {
  key: string;
  revision: string;
  sign: 1 | -1;
  sums: CalibrationSums;
}

/**
 * One period's rows added up, kept between requests (decision 058). Adding an admin's 26 rows of
 * everyone's sums was about half of a request's CPU, on every request; now a request adds only
 * the rows written since the last one (today's day row, the current month), each old version taken
 * out first. Every figure in the sums is an integer (scores and weights in units of
 * 1/CALIBRATION_SCALE, minutes as milliseconds), so taking out is exact and an entry that reaches
 * zero is dropped, as in a total added from nothing.
 */
export class PeriodTotal {
  private readonly figures = new CalibrationAccumulator('');
  private readonly rows = new Map<string, KeptRow>();

  /** Brings the total to exactly `current`'s rows and returns it. */
  update(current: readonly KeptRow[]): CalibrationAccumulator {
    const seen = new Set<string>();
    for (const row of current) {
      seen.add(row.key);
      const kept = this.rows.get(row.key);
      if (kept?.revision === row.revision) continue;
      if (kept) this.figures.addSums(kept.sums, kept.sign === 1 ? -1 : 1);
      this.figures.addSums(row.sums, row.sign);
      this.rows.set(row.key, row);
    }
    for (const [key, kept] of this.rows) {
      if (seen.has(key)) continue;
      // An emptied row is deleted: what it held goes.
      this.figures.addSums(kept.sums, kept.sign === 1 ? -1 : 1);
      this.rows.delete(key);
    }
    return this.figures;
  }
}

/** The interviewer's own row and bias figures only, with the interviews' shared figures: a member scope's part. */
export function forMember(sums: CalibrationSums, memberId: string): CalibrationSums {
  const own = sums.interviewers[memberId];
  const bias = sums.bias[memberId];
  return {
    interviewers: own ? { [memberId]: own } : {},
    agreement: sums.agreement,
    groups: sums.groups,
    bias: bias ? { [memberId]: bias } : {},
  };
}

/**
 * The buckets that add up to the days [from, to]: whole months as months, and in a month covered
 * in part either its days or the month less the days outside, whichever reads fewer rows.
 */
export function bucketsOf(from: string, to: string): Array<{ bucket: string; sign: 1 | -1 }> {
  const parts: Array<{ bucket: string; sign: 1 | -1 }> = [];
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const days = (first: Date, last: Date, sign: 1 | -1) => {
    for (const d = new Date(first); d <= last; d.setUTCDate(d.getUTCDate() + 1)) {
      parts.push({ bucket: day(d), sign });
    }
  };
  const start = new Date(`${from}T00:00:00.000Z`);
  const end = new Date(`${to}T00:00:00.000Z`);
  for (
    let month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    month <= end;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    const monthEnd = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
    const first = start > month ? start : month;
    const last = end < monthEnd ? end : monthEnd;
    const inside = Math.round((last.getTime() - first.getTime()) / 86_400_000) + 1;
    const length = monthEnd.getUTCDate();
    if (inside === length) {
      parts.push({ bucket: day(month).slice(0, 7), sign: 1 });
    } else if (inside <= length - inside + 1) {
      days(first, last, 1);
    } else {
      parts.push({ bucket: day(month).slice(0, 7), sign: 1 });
      days(month, new Date(first.getTime() - 86_400_000), -1);
      days(new Date(last.getTime() + 86_400_000), monthEnd, -1);
    }
  }
  return parts;
}
