import { IANAZone } from 'luxon';
import { z } from 'zod';
import { canonicalTimeZone } from '../invitation/zoned-time.ts';

export const id = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
/** A calendar date such as a candidate's deadline: no time, no zone. */
export const isoDate = z.iso.date();
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  // Stored under the current IANA name, whichever name the browser offered.
  .overwrite((value) => canonicalTimeZone(value))
  .refine((value) => IANAZone.isValidZone(value), {
    message: 'Expected an IANA time zone such as Europe/Berlin.',
  });
/** A wall-clock time without offset ("2026-12-10T14:00"), read in an accompanying time zone. */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Expected a local date and time such as 2026-12-10T14:00.');
export const email = z.email().max(254);
export const name = z.string().trim().min(1).max(200);
export const shortText = z.string().trim().max(2_000);
export const longText = z.string().max(50_000);

export const idParams = z.strictObject({ id });
export type IdParams = z.infer<typeof idParams>;

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const ok = z.object({ ok: z.literal(true) });

/**
 * Keyset pagination: a page ends with an opaque cursor (the sort key of its last row) that the
 * next request sends back, so page 400 costs what page 1 costs and rows added meanwhile neither
 * repeat nor vanish. Decoded here so a tampered cursor is a 400 like any other bad input.
 */
export const pageCursor = (keyLength: number) =>
  z
    .string()
    .max(1_000)
    .transform((value, ctx) => {
      try {
        const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
        const parsed: unknown = JSON.parse(
          new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
        );
        if (
          Array.isArray(parsed) &&
          parsed.length === keyLength &&
          // No control characters: PostgreSQL refuses a NUL in text, and no key holds one.
          parsed.every((part) => typeof part === 'string' && part.length <= 400 && !/\p{Cc}/u.test(part))
        ) {
          return parsed as string[];
        }
      } catch {
        // Falls through to the issue below.
      }
      ctx.addIssue({
        code: 'custom',
        message: 'Not a cursor from a previous page: start again from the first page.',
      });
      return z.NEVER;
    });

/** Page size: 50 unless asked, never more than 200. */
export const pageLimit = z.coerce.number().int().min(1).max(200).default(50);
export const nextCursor = z.string().nullable();

/** A search over candidates' names and email addresses, by the start of any word (see decision 019). */
export const searchText = z
  .string()
  .max(100)
  // Control characters match nothing, and PostgreSQL refuses a NUL in text.
  .transform((value) => value.replace(/\p{Cc}/gu, ' ').trim());
