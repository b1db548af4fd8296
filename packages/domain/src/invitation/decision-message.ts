import { emailDocument, escapeHtml, link, textToHtml } from './email-html.ts';
import type { MessageContent } from './invitation-content.ts';
import { type DecisionMessageInput, decisionMessageInputSchema, parseOrThrow } from './invitation-input.ts';

/**
 * Wraps the line manager's own words. The wrapper adds only a greeting, a signature and
 * where to ask questions: the decision itself is theirs, and the preview shows exactly this.
 */
export function renderDecisionMessage(raw: DecisionMessageInput): MessageContent {
  const input = parseOrThrow(decisionMessageInputSchema, raw, 'decision message');
  const about = input.positionTitle
    ? `your interview for ${input.positionTitle}`
    : 'your pair-programming interview';
  const subject = input.organizationName ? `${input.organizationName}: about ${about}` : `About ${about}`;
  const message = input.message.trim();
  const greeting = startsWithGreeting(message) ? '' : `Hello ${input.candidate.name},\n\n`;
  const signer = input.lineManager.title
    ? `${input.lineManager.name}\n${input.lineManager.title}`
    : input.lineManager.name;
  const contact = `Questions? ${input.contact.name} is happy to help: ${input.contact.email}`;
  const portal = input.portalUrl ? `Your portal: ${input.portalUrl}` : '';

  const text = `${greeting}${message}\n\n${signer}\n\n${contact}${portal ? `\n${portal}` : ''}\n`;
  const html = emailDocument(subject, [
    {
      body: [
        greeting ? `<p>Hello ${escapeHtml(input.candidate.name)},</p>` : '',
        textToHtml(message),
        `<p>${signer.split('\n').map(escapeHtml).join('<br>')}</p>`,
        `<p style="color:#555">Questions? ${escapeHtml(input.contact.name)} is happy to help: ` +
          `${link(`mailto:${input.contact.email}`, input.contact.email)}` +
          `${input.portalUrl ? `<br>Your portal: ${link(input.portalUrl)}` : ''}</p>`,
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ]);
  return { subject, text, html };
}

// Managers often write their own "Dear …"; a second greeting above it would look careless.
function startsWithGreeting(message: string): boolean {
  return /^(hi|hello|hey|dear|good (morning|afternoon|evening))\b/i.test(message);
}
