import { type MessageLocale, translator } from '../i18n/translator.ts';
import { emailDocument, escapeHtml, link, textToHtml } from './email-html.ts';
import type { MessageContent } from './invitation-content.ts';

export interface AccommodationAnswerInput {
  candidate: { name: string };
  positionTitle: string;
  /** What the candidate asked for, quoted so the answer reads on its own. */
  request: string;
  /** The staff's answer in their own words. */
  answer: string;
  contact: { name: string; email: string };
  portalUrl: string;
  /** The candidate's language; English when absent. */
  locale?: MessageLocale | undefined;
}

/**
 * The answer to an accommodation request: the candidate's own words quoted, the staff's answer,
 * and who to ask. The same answer shows on the portal.
 */
export function renderAccommodationAnswer(input: AccommodationAnswerInput): MessageContent {
  const tr = translator(input.locale ?? 'en');
  const subject = tr.t('accommodation.subject', { position: input.positionTitle });
  const quoted = input.request
    .trim()
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const answer = input.answer.trim();
  const { name, email } = input.contact;
  const greeting = tr.t('mail.greeting', { name: input.candidate.name });
  const youAsked = tr.t('accommodation.youAsked');
  const questions = tr.t('mail.questions', { name, email });
  const portal = tr.t('mail.yourPortal', { url: input.portalUrl });
  const text = `${greeting}\n\n${youAsked}\n${quoted}\n\n${answer}\n\n${questions}\n${portal}\n`;
  const html = emailDocument(
    subject,
    [
      {
        body: [
          `<p>${escapeHtml(greeting)}</p>`,
          `<p>${escapeHtml(youAsked)}</p>`,
          `<blockquote>${textToHtml(input.request.trim())}</blockquote>`,
          textToHtml(answer),
          `<p style="color:#555">${questionsHtml(tr.t('mail.questions', { name, email: MARK }), email)}<br>` +
            `${questionsHtml(tr.t('mail.yourPortal', { url: MARK }), input.portalUrl, input.portalUrl)}</p>`,
        ].join('\n'),
      },
    ],
    tr.intlLocale,
  );
  return { subject, text, html };
}

/** A marker the catalog's words are split at, so the link is built by link() and the rest escaped. */
export const MARK = '\u0000';

/** A translated line with one link in it: `{…}` rendered as MARK, the words around it escaped. */
export function questionsHtml(line: string, address: string, href = `mailto:${address}`): string {
  const [before = '', after = ''] = line.split(MARK);
  return `${escapeHtml(before)}${link(href, address)}${escapeHtml(after)}`;
}
