import { describe, expect, it } from 'vitest';
import { ordinalAlpha } from './krippendorff-alpha.ts';

describe('ordinalAlpha', () => {
  it("reproduces Krippendorff's own example: 4 observers, 12 units, values missing (ordinal α = 0.815)", () => {
    // "Computing Krippendorff's Alpha-Reliability" (2011), the reliability data matrix with
    // observers A–D as rows; a dot there is a missing value here. Unit 12 has one value only.
    const units = [
      [1, 1, 1],
      [2, 2, 3, 2],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [2, 2, 2, 2],
      [1, 2, 3, 4],
      [4, 4, 4, 4],
      [1, 1, 2, 1],
      [2, 2, 2, 2],
      [5, 5, 5],
      [1, 1],
      [3],
    ];
    expect(ordinalAlpha(units)).toBeCloseTo(0.815, 3);
  });

  it('computes a small case by hand', () => {
    // Units (1,1), (2,2), (1,2): n₁ = n₂ = 3, n = 6; o₁₂ = o₂₁ = 1;
    // δ²₁₂ = (n₁ + n₂ − (n₁ + n₂)/2)² = 9; α = 1 − 5·(2·9) / (2·3·3·9) = 1 − 90/162 = 4/9.
    expect(
      ordinalAlpha([
        [1, 1],
        [2, 2],
        [1, 2],
      ]),
    ).toBeCloseTo(4 / 9, 10);
  });

  it('weighs a unit of three raters by 1/(m − 1), and far steps more than near ones', () => {
    // Units (3,2,2), (4,3), (2): n₂ = 2, n₃ = 2, n₄ = 1, n = 5. o₂₃ = o₃₂ = o₂₂ = ½·2 = 1,
    // o₃₄ = o₄₃ = 1. δ²₂₃ = (4 − 2)² = 4, δ²₃₄ = (3 − 1.5)² = 2.25, δ²₂₄ = (5 − 1.5)² = 12.25.
    // Observed Σ o δ² = 4 + 4 + 2.25 + 2.25 = 12.5; expected Σ n n δ² = 2·(16 + 4.5 + 24.5) = 90.
    // α = 1 − 4·12.5/90 = 4/9.
    expect(ordinalAlpha([[3, 2, 2], [4, 3], [2]])).toBeCloseTo(4 / 9, 10);
  });

  it('is 1 for perfect agreement over different values', () => {
    expect(
      ordinalAlpha([
        [1, 1],
        [4, 4, 4],
        [2, 2],
      ]),
    ).toBe(1);
  });

  it('is null when nothing can be paired, or when every value is the same', () => {
    expect(ordinalAlpha([])).toBeNull();
    expect(ordinalAlpha([[3], [2], []])).toBeNull();
    expect(
      ordinalAlpha([
        [3, 3],
        [3, 3, 3],
      ]),
    ).toBeNull();
  });

  it('goes below zero when raters disagree more than chance would', () => {
    expect(
      ordinalAlpha([
        [1, 4],
        [4, 1],
        [1, 4],
      ])!,
    ).toBeLessThan(0);
  });
});
