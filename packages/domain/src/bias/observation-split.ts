/** The two labelled parts a note is split into, so a judgement cannot pass for an observation. */
export const observedLabel = 'Observed:';
export const concludedLabel = 'Concluded:';

export interface ObservationSplit {
  observed: string;
  concluded: string;
}

/**
 * Splits a note into what was observed and what was concluded: sentences holding a flagged
 * phrase (a judgement of the person) go to "concluded", the rest to "observed". A heuristic
 * first cut the navigator then corrects, which is why the result is an ordinary note edit.
 */
export function splitObservation(
  text: string,
  flagged: ReadonlyArray<{ start: number; end: number }>,
): ObservationSplit {
  const observed: string[] = [];
  const concluded: string[] = [];
  for (const match of text.matchAll(/[^.!?;\n]+[.!?;]*/g)) {
    const sentence = match[0].trim();
    if (!sentence) continue;
    const start = match.index;
    const end = start + match[0].length;
    const judges = flagged.some((f) => f.start < end && start < f.end);
    (judges ? concluded : observed).push(sentence);
  }
  return { observed: observed.join(' '), concluded: concluded.join(' ') };
}

/** The note text after a split: two labelled lines, either possibly empty for the author to fill. */
export function formatObservationSplit({ observed, concluded }: ObservationSplit): string {
  return `${observedLabel} ${observed}\n${concludedLabel} ${concluded}`.replace(/ +$/gm, '');
}

/** Whether a note was already split, so the one-click split is not offered twice. */
export const isObservationSplit = (text: string) =>
  text.startsWith(observedLabel) && text.includes(`\n${concludedLabel}`);
