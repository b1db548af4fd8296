import { describe, expect, it } from 'vitest';
import { formatBytes, humanDuration } from './measures.ts';

describe('measures', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_540)).toBe('14.2 KiB');
    expect(formatBytes(3.1 * 1024 * 1024)).toBe('3.1 MiB');
  });

  it('formats durations against a budget in minutes, never rounding up to 60 seconds', () => {
    expect(humanDuration(null)).toBe('—');
    expect(humanDuration(420)).toBe('0.4 s');
    expect(humanDuration(42_400)).toBe('42 s');
    expect(humanDuration(119_600)).toBe('2:00 min');
    expect(humanDuration(365_000)).toBe('6:05 min');
    expect(humanDuration(300_000)).toBe('5:00 min');
  });
});
