// Stored rows to figures: what the calibration service and nothing else needs.

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

export function minutesBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : null;
}

/** Three decimals: enough to compare interviewers, and the same on both databases. */
export function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}
