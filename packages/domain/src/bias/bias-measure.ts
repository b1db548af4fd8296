import type { LabelledItem } from './bias-training.ts';
import { checkLanguage } from './language-check.ts';

/**
 * The report `npm run measure:bias` prints for a labelled file of `{ kind, biased, text }` items,
 * measured with the check as shipped: the rules and the committed model. Kinds are the file's
 * own labels; only biased/neutral is scored.
 */
export function measureFile(items: unknown, options: { listSentences?: boolean } = {}): string {
  if (!Array.isArray(items)) throw new Error('Expected a JSON array of { kind, biased, text } items.');
  const labelled: LabelledItem[] = items.map((item, index) => {
    const { kind, biased, text } = (item ?? {}) as { kind?: unknown; biased?: unknown; text?: unknown };
    if (typeof text !== 'string' || typeof biased !== 'boolean') {
      throw new Error(`Item ${index} needs a string "text" and a boolean "biased".`);
    }
    return {
      text,
      biased,
      kind: typeof kind === 'string' ? kind : 'unlabelled',
      category: null,
      source: 'file',
    };
  });
  const m = measure(labelled, (item) => checkLanguage(item.text).length > 0);
  const lines = [
    `${m.biased} biased, ${m.neutral} neutral: recall ${m.recall.toFixed(3)}, false-positive rate ${m.falsePositiveRate.toFixed(3)}`,
    `flagged/total per kind: ${[...m.perKind].map(([k, [f, t]]) => `${k} ${f}/${t}`).join(', ')}`,
  ];
  const misses = new Map<string, number>();
  for (const item of m.missed) misses.set(item.kind, (misses.get(item.kind) ?? 0) + 1);
  lines.push(`misses per kind: ${[...misses].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  if (options.listSentences) {
    for (const item of m.missed) lines.push(`  missed [${item.kind}] ${item.text}`);
    for (const item of m.falsePositives) lines.push(`  false positive [${item.kind}] ${item.text}`);
  }
  return lines.join('\n');
}

export interface Measurement {
  biased: number;
  neutral: number;
  recall: number;
  falsePositiveRate: number;
  /** Flagged and total per kind (neutral kinds count false positives). */
  perKind: Map<string, [number, number]>;
  missed: LabelledItem[];
  falsePositives: LabelledItem[];
}

/** Recall and false-positive rate of a check (any finding counts as flagged). */
export function measure(
  items: readonly LabelledItem[],
  flags: (item: LabelledItem, index: number) => boolean,
): Measurement {
  const perKind = new Map<string, [number, number]>();
  const missed: LabelledItem[] = [];
  const falsePositives: LabelledItem[] = [];
  items.forEach((item, index) => {
    const flagged = flags(item, index);
    const counts = perKind.get(item.kind) ?? [0, 0];
    counts[1]++;
    if (flagged) counts[0]++;
    perKind.set(item.kind, counts);
    if (item.biased && !flagged) missed.push(item);
    if (!item.biased && flagged) falsePositives.push(item);
  });
  const biased = items.filter((i) => i.biased).length;
  const neutral = items.length - biased;
  return {
    biased,
    neutral,
    recall: biased ? (biased - missed.length) / biased : 0,
    falsePositiveRate: neutral ? falsePositives.length / neutral : 0,
    perKind,
    missed,
    falsePositives,
  };
}
