// Where the learned check's probability turns into a finding: the threshold for the model's own
// findings and the veto below which it clears a rule's, chosen on sentences each model never saw.
import type { Prepared } from './bias-training.ts';

const thresholds = Array.from({ length: 92 }, (_, i) => Math.round((0.05 + i * 0.01) * 100) / 100);
// A veto below 0.3 keeps rule findings the model reads as work more than twice as likely as bias
// (decision 053): out of source it bought a few biased sentences, in sample it flagged the trait
// stated beside the evidence that clears it.
const vetoLevels = [0.3, 0.35, 0.4, 0.45, 0.5];

export interface Cutoffs {
  threshold: number;
  vetoBelow: number;
}

/**
 * The threshold and the veto, chosen together on sentences each model never saw: every source
 * (an author or a round of writing) is scored by a model trained without it, which is what a new
 * author's wording looks like to it. Of the pairs where no source's false-positive rate, rules and
 * model together, passes `perSourceCap` (rounded up to a whole sentence, or, where no pair brings
 * a source that low, the lowest the grid reaches for it), the one that flags the most biased
 * sentences; ties go to the fewer false positives averaged over the sources, and when no pair
 * meets every cap, the pair with the fewest. The cap alone decides (decision 063): an averaged
 * target let each gain in the rules turn into a lower threshold that the older authors paid for
 * in false positives, and the budget is a rate for each new author, not an average over them.
 * The veto matters as much as the threshold: most false positives on another author's hard
 * neutral sentences are the rules' (a trigger word in a sentence about the work), which only the
 * veto can clear.
 */
export function chooseCutoffs(
  prepared: readonly Prepared[],
  probabilities: readonly number[],
  perSourceCap: number,
): Cutoffs {
  const neutralBySource = [...new Set(prepared.map((p) => p.item.source))]
    .map((source) =>
      prepared.map((p, i) => [p, i] as const).filter(([p]) => !p.item.biased && p.item.source === source),
    )
    .filter((list) => list.length > 0);
  const biased = prepared.map((p, i) => [p, i] as const).filter(([p]) => p.item.biased);
  // Each source weighs the same: a new author's hard neutral sentences are like one source's, and
  // pooling would let the sources with many easy ones hide another's false positives.
  const ratesBySource = (threshold: number, vetoBelow: number) =>
    neutralBySource.map(
      (list) =>
        list.filter(([p, i]) => flags(p, probabilities[i]!, threshold, vetoBelow)).length / list.length,
    );
  const pairs = vetoLevels.flatMap((vetoBelow) =>
    thresholds.filter((t) => t >= vetoBelow).map((threshold) => ({ threshold, vetoBelow })),
  );
  const lowest = neutralBySource.map((_, s) =>
    Math.min(...pairs.map(({ threshold, vetoBelow }) => ratesBySource(threshold, vetoBelow)[s]!)),
  );
  // In whole sentences: 0.03 of held-out-3's 230 is 6.9, so its cap is 7 (0.0304), not 6.
  const caps = neutralBySource.map((list, s) =>
    Math.max(Math.ceil(perSourceCap * list.length - 1e-9) / list.length, lowest[s]!),
  );
  const capped = (rates: readonly number[]) => rates.every((r, s) => r <= caps[s]!);
  let best = { threshold: 0.96, vetoBelow: 0.5, caught: -1, rate: Number.POSITIVE_INFINITY };
  let fallback = { threshold: 0.96, vetoBelow: 0.5, caught: -1, rate: Number.POSITIVE_INFINITY };
  for (const vetoBelow of vetoLevels) {
    for (const threshold of thresholds) {
      if (threshold < vetoBelow) continue;
      const rates = ratesBySource(threshold, vetoBelow);
      const rate = rates.reduce((a, b) => a + b, 0) / rates.length;
      const caught = biased.filter(([p, i]) => flags(p, probabilities[i]!, threshold, vetoBelow)).length;
      if (rate < fallback.rate || (rate === fallback.rate && caught > fallback.caught)) {
        fallback = { threshold, vetoBelow, caught, rate };
      }
      if (!capped(rates)) continue;
      if (caught > best.caught || (caught === best.caught && rate < best.rate)) {
        best = { threshold, vetoBelow, caught, rate };
      }
      break; // higher thresholds at this veto flag no more biased sentences
    }
  }
  const chosen = best.caught >= 0 ? best : fallback;
  return { threshold: chosen.threshold, vetoBelow: chosen.vetoBelow };
}

/**
 * Rules and model together, as `checkLanguage` decides: a rule finding the veto may not clear, the
 * rules' flag unless the model vetoes it, or the model's own.
 */
export const flags = (
  rules: Pick<Prepared, 'ruleFlag' | 'ruleFirm'>,
  probability: number,
  threshold: number,
  vetoBelow: number,
) => rules.ruleFirm || (rules.ruleFlag && probability >= vetoBelow) || probability >= threshold;
