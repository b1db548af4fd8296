export * from './agenda.ts';
export * from './decision-message.ts';
export { escapeHtml, isSafeHref } from './email-html.ts';
export * from './follow-up.ts';
export * from './interviewer-blocks.ts';
export * from './invitation-content.ts';
export * from './invitation-input.ts';
export * from './staff-messages.ts';
export * from './zoned-time.ts';
