import { z } from 'zod';
import { AppError } from '../errors.ts';
import { isMessageLocale, type MessageLocale } from '../i18n/translator.ts';
import { canonicalTimeZone, isValidTimeZone } from './zoned-time.ts';

// Zones stored before names were made canonical still reach the candidate under today's name.
const timeZone = z
  .string()
  .overwrite((value) => canonicalTimeZone(value))
  .refine(isValidTimeZone, { message: 'Unknown time zone.' });
const text = (max: number) => z.string().trim().min(1).max(max);
// Links we put in front of a candidate must be web links: no javascript:, no data:.
const webUrl = z.url({ protocol: /^https?$/ });
const instant = z.iso.datetime({ offset: true });
const minutes = z.number().int();
/** The language the candidate reads; English when absent. */
const locale = z
  .string()
  .refine(isMessageLocale, { message: 'Unknown locale.' })
  .transform((value) => value as MessageLocale)
  .optional();

const agendaMinutesSchema = z
  .object({
    setupMinutes: minutes.optional(),
    pairingMinutes: minutes.optional(),
    breakMinutes: minutes.optional(),
    retroMinutes: minutes.optional(),
  })
  .optional();

export const invitationInputSchema = z.object({
  candidate: z.object({ name: text(200), timeZone }),
  /** The interview's start (= start of setup) as an ISO instant, e.g. 2027-03-28T08:00:00Z. */
  startsAt: instant,
  /** The zone the interview was planned in; shown as well when it differs from the candidate's. */
  interviewTimeZone: timeZone,
  /** A room ("Room 4.12, Main St 1") or a video link (https://…). */
  place: text(500),
  task: z.object({ title: text(200), whatToBring: z.string().trim().max(5000) }),
  agendaMinutes: agendaMinutesSchema,
  contact: z.object({ name: text(200), email: z.email() }),
  portalUrl: webUrl,
  navigatorName: text(200),
  /** Second interviewers are named up front: an unannounced extra person is a surprise. */
  shadowNames: z.array(text(200)).max(5).optional(),
  organizationName: text(200).optional(),
  positionTitle: text(200).optional(),
  /**
   * The organisation's own words for the free parts, with their variables filled in; each part
   * without one keeps Pairwise's wording.
   */
  wording: z.object({ welcome: text(10_000).optional(), reminder: text(10_000).optional() }).optional(),
  locale,
});

export type InvitationInput = z.input<typeof invitationInputSchema>;
export type ParsedInvitationInput = z.output<typeof invitationInputSchema>;

export const rescheduleInputSchema = invitationInputSchema.extend({
  previousStartsAt: instant,
  previousPlace: text(500).optional(),
});
export type RescheduleInput = z.input<typeof rescheduleInputSchema>;

export const cancellationInputSchema = z.object({
  candidate: z.object({ name: text(200), timeZone }),
  startsAt: instant,
  interviewTimeZone: timeZone,
  contact: z.object({ name: text(200), email: z.email() }),
  /** Optional words from the team; shown as written, so keep fault out of them too. */
  message: z.string().trim().max(5000).optional(),
  organizationName: text(200).optional(),
  positionTitle: text(200).optional(),
  locale,
});
export type CancellationInput = z.input<typeof cancellationInputSchema>;

export const decisionMessageInputSchema = z.object({
  candidate: z.object({ name: text(200) }),
  /** The line manager's own words, shown verbatim (escaped in HTML). */
  message: text(20_000),
  lineManager: z.object({ name: text(200), title: text(200).optional() }),
  contact: z.object({ name: text(200), email: z.email() }),
  portalUrl: webUrl.optional(),
  organizationName: text(200).optional(),
  positionTitle: text(200).optional(),
  locale,
});
export type DecisionMessageInput = z.input<typeof decisionMessageInputSchema>;

/** Validates with a zod schema and reports problems as a domain error with per-field messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  throw new AppError('invalid_request', `The ${what} is not valid.`, fields);
}
