import type { z } from 'zod';

/**
 * A JSON text column read back through its schema, so a row written by an older version or by
 * hand fails here, naming the problem, instead of travelling on as the wrong type.
 */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  return schema.parse(JSON.parse(text));
}

/** The text stored in a JSON column. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}
