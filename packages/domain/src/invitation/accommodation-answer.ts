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
}

/**
 * The answer to an accommodation request: the candidate's own words quoted, the staff's answer,
 * and who to ask. The same answer shows on the portal.
 */
export function renderAccommodationAnswer(input: AccommodationAnswerInput): MessageContent {
  const subject = `About your request for the ${input.positionTitle} interview`;
  const quoted = input.request
    .trim()
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const answer = input.answer.trim();
  const text =
    `Hello ${input.candidate.name},\n\nYou asked:\n${quoted}\n\n${answer}\n\n` +
    `Questions? ${input.contact.name} is happy to help: ${input.contact.email}\n` +
    `Your portal: ${input.portalUrl}\n`;
  const html = emailDocument(subject, [
    {
      body: [
        `<p>Hello ${escapeHtml(input.candidate.name)},</p>`,
        '<p>You asked:</p>',
        `<blockquote>${textToHtml(input.request.trim())}</blockquote>`,
        textToHtml(answer),
        `<p style="color:#555">Questions? ${escapeHtml(input.contact.name)} is happy to help: ` +
          `${link(`mailto:${input.contact.email}`, input.contact.email)}<br>Your portal: ${link(input.portalUrl)}</p>`,
      ].join('\n'),
    },
  ]);
  return { subject, text, html };
}
