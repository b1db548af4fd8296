import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonColumn, toJsonColumn } from './json-column.ts';

describe('JSON columns', () => {
  const levers = z.array(z.object({ id: z.string(), direction: z.enum(['easier', 'harder']) }));

  it('read back what they stored, through the schema', () => {
    const value = [{ id: 'types', direction: 'harder' as const }];
    expect(parseJsonColumn(levers, toJsonColumn(value))).toEqual(value);
  });

  it('refuse a stored value outside the schema, naming where', () => {
    expect(() => parseJsonColumn(levers, '[{"id":"types","direction":"sideways"}]')).toThrowError(
      /direction/,
    );
  });
});
