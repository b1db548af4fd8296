import { DateTime } from 'luxon';
import { AppError } from '../errors.ts';
import { type MessageLocale, translator } from '../i18n/translator.ts';
import { MARK, questionsHtml } from './accommodation-answer.ts';
import { emailDocument, escapeHtml, htmlList, link } from './email-html.ts';
import type { MessageContent } from './invitation-content.ts';
import { formatRangeInZone, parseInstant, zonesDiffer } from './zoned-time.ts';

/** More than this is no longer "a handful of times" and would make the message a timetable. */
export const MAX_OFFERED_SLOTS = 40;

export interface OfferedSlot {
  startsAt: string;
  endsAt: string;
}

/**
 * The starts a window offers: from `from`, one every `slotMinutes`, each with the whole
 * interview (`lengthMinutes`, the agenda from start to end) inside the window. Steps are real
 * minutes, so a window across a clock change still offers instants one slot apart.
 */
export function slotsInWindow(
  from: string,
  to: string,
  slotMinutes: number,
  lengthMinutes: number,
): OfferedSlot[] {
  const start = DateTime.fromISO(from, { zone: 'utc' });
  const end = DateTime.fromISO(to, { zone: 'utc' });
  if (!(end > start)) {
    throw new AppError('unprocessable', 'The window ends before it starts.', {
      'window.toLocal': 'End the window after its start.',
    });
  }
  const slots: OfferedSlot[] = [];
  for (let at = start; at.plus({ minutes: lengthMinutes }) <= end; at = at.plus({ minutes: slotMinutes })) {
    if (slots.length === MAX_OFFERED_SLOTS) {
      throw new AppError('unprocessable', `A window may offer at most ${MAX_OFFERED_SLOTS} times.`, {
        'window.slotMinutes': `Use longer slots or a shorter window: at most ${MAX_OFFERED_SLOTS} times.`,
      });
    }
    // Stored as every other instant is: UTC with milliseconds, so the strings order as the instants do.
    slots.push({ startsAt: at.toISO()!, endsAt: at.plus({ minutes: lengthMinutes }).toISO()! });
  }
  if (slots.length === 0) {
    throw new AppError('unprocessable', 'The window is shorter than the interview.', {
      'window.toLocal': `The interview takes ${lengthMinutes} minutes: make the window at least that long.`,
    });
  }
  return slots;
}

/** One offered time as the candidate reads it: in their zone, and in the interview's when that differs. */
export function slotInWords(
  slot: OfferedSlot,
  candidateZone: string,
  interviewZone: string,
  locale: MessageLocale = 'en',
): string {
  const start = parseInstant(slot.startsAt);
  const end = parseInstant(slot.endsAt, 'endsAt');
  const own = formatRangeInZone(start, end, candidateZone, true, locale);
  return zonesDiffer(start, candidateZone, interviewZone)
    ? translator(locale).t('offer.slot', {
        own,
        theirs: formatRangeInZone(start, end, interviewZone, true, locale),
      })
    : own;
}

export interface SlotOfferInput {
  candidate: { name: string; timeZone: string };
  positionTitle: string;
  interviewTimeZone: string;
  slots: OfferedSlot[];
  contact: { name: string; email: string };
  portalUrl: string;
  /** A new time for someone already invited, rather than the first invitation. */
  rescheduling: boolean;
  /** The candidate's language; English when absent. */
  locale?: MessageLocale | undefined;
}

/**
 * The message that offers times: each time in the candidate's zone (and the interviewers'), and
 * the portal link where they pick one. The picked time's confirmation follows from the portal.
 */
export function renderSlotOffer(input: SlotOfferInput): MessageContent {
  const locale = input.locale ?? 'en';
  const tr = translator(locale);
  const rescheduling = input.rescheduling ? 'yes' : 'no';
  const subject = tr.t('offer.subject', { rescheduling, position: input.positionTitle });
  const times = input.slots.map((slot) =>
    slotInWords(slot, input.candidate.timeZone, input.interviewTimeZone, locale),
  );
  const greeting = tr.t('mail.greeting', { name: input.candidate.name });
  const intro = tr.t('offer.intro', { rescheduling });
  const timesIn = tr.t('offer.timesIn', { zone: input.candidate.timeZone });
  const pick = tr.t('offer.pick');
  const { name, email } = input.contact;
  const text =
    `${greeting}\n\n${intro}\n\n${timesIn}\n` +
    `${times.map((time) => `- ${time}`).join('\n')}\n\n${pick}\n${input.portalUrl}\n\n` +
    `${tr.t('offer.noneWorks', { name, email })}\n`;
  const html = emailDocument(
    subject,
    [
      {
        body: [
          `<p>${escapeHtml(greeting)}</p>`,
          `<p>${escapeHtml(intro)}</p>`,
          `<p>${escapeHtml(timesIn)}</p>`,
          htmlList(times.map(escapeHtml)),
          `<p>${escapeHtml(pick)}<br>${link(input.portalUrl, tr.t('offer.link'))}</p>`,
          `<p style="color:#555">${questionsHtml(tr.t('offer.noneWorks', { name, email: MARK }), email)}</p>`,
        ].join('\n'),
      },
    ],
    tr.intlLocale,
  );
  return { subject, text, html };
}
