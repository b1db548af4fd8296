import { IANAZone } from 'luxon';
import { z } from 'zod';

export const id = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
/** A calendar date such as a candidate's deadline: no time, no zone. */
export const isoDate = z.iso.date();
export const timeZone = z
  .string()
  .min(1)
  .max(64)
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
