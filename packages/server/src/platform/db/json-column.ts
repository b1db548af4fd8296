import type { z } from 'zod';

/**
 * A JSON text column read through its schema, so a row written by an older release (or by hand)
 * fails here, naming the column's shape, instead of as an undefined field deep in a feature.
 */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  return schema.parse(JSON.parse(text));
}

/** The text a JSON column stores. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}
