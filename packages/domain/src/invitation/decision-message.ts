import { translator } from '../i18n/translator.ts';
import { MARK, questionsHtml } from './accommodation-answer.ts';
import { emailDocument, escapeHtml, textToHtml } from './email-html.ts';
import type { MessageContent } from './invitation-content.ts';
import { type DecisionMessageInput, decisionMessageInputSchema, parseOrThrow } from './invitation-input.ts';

/**
 * Wraps the line manager's own words. The wrapper adds only a greeting, a signature and
 * where to ask questions: the decision itself is theirs, and the preview shows exactly this.
 */
export function renderDecisionMessage(raw: DecisionMessageInput): MessageContent {
  const input = parseOrThrow(decisionMessageInputSchema, raw, 'decision message');
  const tr = translator(input.locale ?? 'en');
  const about = tr.t('decision.about', {
    hasPosition: input.positionTitle ? 'yes' : 'no',
    position: input.positionTitle ?? '',
  });
  const subject = tr.t('decision.subject', {
    hasOrganization: input.organizationName ? 'yes' : 'no',
    organization: input.organizationName ?? '',
    about,
  });
  const message = input.message.trim();
  const hello = tr.t('mail.greeting', { name: input.candidate.name });
  const greeting = startsWithGreeting(message) ? '' : `${hello}\n\n`;
  const signer = input.lineManager.title
    ? `${input.lineManager.name}\n${input.lineManager.title}`
    : input.lineManager.name;
  const { name, email } = input.contact;
  const contact = tr.t('mail.questions', { name, email });
  const portal = input.portalUrl ? tr.t('mail.yourPortal', { url: input.portalUrl }) : '';

  const text = `${greeting}${message}\n\n${signer}\n\n${contact}${portal ? `\n${portal}` : ''}\n`;
  const html = emailDocument(
    subject,
    [
      {
        body: [
          greeting ? `<p>${escapeHtml(hello)}</p>` : '',
          textToHtml(message),
          `<p>${signer.split('\n').map(escapeHtml).join('<br>')}</p>`,
          `<p style="color:#555">${questionsHtml(tr.t('mail.questions', { name, email: MARK }), email)}` +
            `${input.portalUrl ? `<br>${questionsHtml(tr.t('mail.yourPortal', { url: MARK }), input.portalUrl, input.portalUrl)}` : ''}</p>`,
        ]
          .filter(Boolean)
          .join('\n'),
      },
    ],
    tr.intlLocale,
  );
  return { subject, text, html };
}

// Managers often write their own "Dear …" (or "Liebe …", "Bonjour …", "Estimada …"); a second
// greeting above it would look careless.
function startsWithGreeting(message: string): boolean {
  return /^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|guten (morgen|tag|abend)|liebe|lieber|sehr geehrte|bonjour|bonsoir|cher|chère|madame|monsieur|hola|estimad[oa]|querid[oa]|buen[oa]s (días|tardes|noches))(?=[\s,!.:]|$)/i.test(
    message,
  );
}
