/** Red / green / refactor moments marked during pairing, and what the report says about them. */
export const tddPhases = ['red', 'green', 'refactor'] as const;
export type TddPhase = (typeof tddPhases)[number];

export interface TddMarker {
  phase: TddPhase;
  offsetMs: number;
}

export interface TddSummary {
  /** Completed cycles: a red followed, later, by a green. */
  cycles: number;
  /** Mean time from a cycle's red to the next cycle's red (or the last marker). */
  averageCycleMs: number | null;
  refactors: number;
  /** [start, end, phase] segments for the strip on the timeline. */
  segments: Array<{ phase: TddPhase; fromMs: number; toMs: number }>;
}

export function summarizeTddRhythm(markers: readonly TddMarker[], pairingEndMs: number): TddSummary {
  const sorted = [...markers].sort((a, b) => a.offsetMs - b.offsetMs);
  const segments = sorted.map((marker, index) => ({
    phase: marker.phase,
    fromMs: marker.offsetMs,
    toMs: sorted[index + 1]?.offsetMs ?? Math.max(pairingEndMs, marker.offsetMs),
  }));
  const reds = sorted.filter((m) => m.phase === 'red').map((m) => m.offsetMs);
  let cycles = 0;
  const cycleLengths: number[] = [];
  reds.forEach((redAt, index) => {
    const nextRed = reds[index + 1] ?? Number.POSITIVE_INFINITY;
    const green = sorted.find((m) => m.phase === 'green' && m.offsetMs > redAt && m.offsetMs < nextRed);
    if (!green) return;
    cycles++;
    const end = Number.isFinite(nextRed) ? nextRed : (sorted.at(-1)?.offsetMs ?? green.offsetMs);
    cycleLengths.push(end - redAt);
  });
  return {
    cycles,
    averageCycleMs: cycleLengths.length
      ? Math.round(cycleLengths.reduce((a, b) => a + b, 0) / cycleLengths.length)
      : null,
    refactors: sorted.filter((m) => m.phase === 'refactor').length,
    segments,
  };
}
