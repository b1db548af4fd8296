/**
 * Krippendorff's alpha with the ordinal metric, for ratings on an ordered scale (the 1–4 anchors).
 *
 * Each unit (one candidate's interview, for one attribute) holds the values its raters gave; a
 * rater who did not rate it is simply absent. Only units with at least two values can be paired,
 * so the others drop out. Following Krippendorff, "Computing Krippendorff's Alpha-Reliability"
 * (2011), with n_c the number of pairable values c and n their total:
 *
 *   coincidences  o_ck = Σ_u (number of ordered pairs (c, k) of values in u) / (m_u − 1)
 *   ordinal δ²    δ²_ck = (Σ_{g between c and k} n_g − (n_c + n_k) / 2)²
 *   alpha         α = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
 *
 * Null when nothing can be paired or when every pairable value is the same: expected
 * disagreement is then zero and alpha is undefined, which a dashboard must not show as perfect.
 */
export function ordinalAlpha(units: readonly (readonly number[])[]): number | null {
  const coincidences = new Map<number, Map<number, number>>();
  for (const values of units) {
    if (values.length < 2) continue;
    const weight = 1 / (values.length - 1);
    for (let i = 0; i < values.length; i++) {
      let row = coincidences.get(values[i]!);
      if (!row) {
        row = new Map();
        coincidences.set(values[i]!, row);
      }
      for (let j = 0; j < values.length; j++) {
        if (i !== j) row.set(values[j]!, (row.get(values[j]!) ?? 0) + weight);
      }
    }
  }
  return ordinalAlphaFromCoincidences(coincidences);
}

/**
 * Alpha from the coincidence counts alone (value c → value k → o_ck), which add up over units:
 * O(k²) for k distinct values however many units were rated, so a period's counts can be
 * gathered a batch of interviews at a time.
 */
export function ordinalAlphaFromCoincidences(
  coincidences: ReadonlyMap<number, ReadonlyMap<number, number>>,
): number | null {
  // Every value that paired with another has a positive marginal; nothing else enters.
  const categories = [...coincidences.keys()].sort((a, b) => a - b);
  if (categories.length < 2) return null;
  const size = categories.length;
  const matrix = categories.map((c) => categories.map((k) => coincidences.get(c)?.get(k) ?? 0));
  const marginals = matrix.map((row) => row.reduce((sum, o) => sum + o, 0));
  const total = marginals.reduce((sum, n) => sum + n, 0);
  const delta2 = (c: number, k: number) => {
    const [low, high] = c <= k ? [c, k] : [k, c];
    let between = 0;
    for (let g = low; g <= high; g++) between += marginals[g]!;
    return (between - (marginals[c]! + marginals[k]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const d = delta2(c, k);
      observed += matrix[c]![k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((total - 1) * observed) / expected;
}
