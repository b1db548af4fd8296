import { DateTime } from 'luxon';
import { emailDocument, link, textToHtml } from './email-html.ts';
import type { InterviewerBlock } from './interviewer-blocks.ts';
import type { MessageContent } from './invitation-content.ts';
import { formatRangeInZone, parseInstant } from './zoned-time.ts';

/**
 * Messages to the panel (navigator, shadows, line manager). Short, with a link into Pairwise
 * for everything else: mail is forwarded and archived in places Pairwise does not control.
 */

function message(
  subject: string,
  paragraphs: string[],
  action: { label: string; url: string },
): MessageContent {
  const text = `${paragraphs.join('\n\n')}\n\n${action.label}: ${action.url}\n`;
  const html = emailDocument(subject, [
    { body: `${paragraphs.map(textToHtml).join('\n')}\n<p>${link(action.url, action.label)}</p>` },
  ]);
  return { subject, text, html };
}

export type CalendarChange = 'new' | 'updated' | 'cancelled';

/**
 * The mail around an interviewer's calendar block. Built from the block alone, which carries no
 * candidate fields: like the invite, it names no candidate.
 */
export function renderInterviewerBlockMessage(
  block: InterviewerBlock,
  change: CalendarChange,
  options: { timeZone: string; interviewUrl: string },
): MessageContent {
  const when = formatRangeInZone(parseInstant(block.startsAt), parseInstant(block.endsAt), options.timeZone);
  const prefix = change === 'cancelled' ? 'Cancelled: ' : change === 'updated' ? 'Updated: ' : '';
  const lead =
    change === 'cancelled'
      ? 'This block is cancelled; the calendar entry is removed.'
      : change === 'updated'
        ? 'This block moved; the calendar entry updates itself.'
        : 'A block for you in Pairwise, as a calendar invite.';
  return message(`${prefix}${block.title}`, [lead, `${block.title}\n${when}`, block.description], {
    label: 'The interview in Pairwise',
    url: options.interviewUrl,
  });
}

export interface CandidateResponseNoticeInput {
  candidateName: string;
  kind: 'confirmed' | 'reschedule_requested';
  /** Optional words from the candidate, passed on verbatim. */
  reason?: string | null;
  when: string;
  interviewUrl: string;
}

/** Tells the navigator what the candidate answered on the portal. */
export function renderCandidateResponseNotice(input: CandidateResponseNoticeInput): MessageContent {
  if (input.kind === 'confirmed') {
    return message(
      `${input.candidateName} confirmed the interview`,
      [`${input.candidateName} confirmed the pair-programming interview on ${input.when}.`],
      { label: 'Open the interview', url: input.interviewUrl },
    );
  }
  const paragraphs = [
    `${input.candidateName} asked for another time instead of ${input.when}.`,
    input.reason?.trim()
      ? `In their words:\n${input.reason.trim()}`
      : 'They gave no reason, and none is needed.',
    'Asking for another time carries no disadvantage. Please pick a new time in Pairwise; ' +
      'the candidate and the panel then get updated invites automatically.',
  ];
  return message(`${input.candidateName} asked for another time`, paragraphs, {
    label: 'Reschedule in Pairwise',
    url: input.interviewUrl,
  });
}

/** Tells the navigator about a request for adjustments, so the session can be prepared for it. */
export function renderAccommodationNotice(input: {
  candidateName: string;
  text: string;
  when: string;
  interviewUrl: string;
}): MessageContent {
  return message(
    `${input.candidateName} asked for adjustments`,
    [
      `${input.candidateName} asked for adjustments for the interview on ${input.when}:`,
      input.text.trim(),
      'Please reply to them (or arrange it with the panel) well before the day.',
    ],
    { label: 'Open the interview', url: input.interviewUrl },
  );
}

/** Two business days before the candidate's deadline, with no decision recorded yet. */
export function renderDeadlineReminder(input: {
  recipientName: string;
  candidateName: string;
  positionTitle: string;
  deadline: string;
  lineManagerName: string;
  reportUrl: string;
}): MessageContent {
  return message(
    `Reminder: ${input.candidateName} would like to hear back by ${input.deadline}`,
    [
      `Hello ${input.recipientName},`,
      `${input.candidateName} (${input.positionTitle}) asked to hear back by ${input.deadline}, ` +
        'two business days from now, and no decision is recorded yet.',
      `${input.lineManagerName} records the decision on the report and then writes to the candidate. ` +
        'If more time is needed, telling the candidate before the deadline is kinder than silence.',
    ],
    { label: 'Open the report', url: input.reportUrl },
  );
}

/**
 * The day before, to each member of the panel: their prep block and what it is for. Built from
 * the block alone, like the block's own mail, so it names no candidate.
 */
export function renderPrepReminder(
  prep: InterviewerBlock,
  interview: InterviewerBlock,
  options: { recipientName: string; timeZone: string; interviewUrl: string },
): MessageContent {
  const range = (block: InterviewerBlock) =>
    formatRangeInZone(parseInstant(block.startsAt), parseInstant(block.endsAt), options.timeZone);
  return message(
    `Tomorrow: ${prep.title}`,
    [
      `Hello ${options.recipientName},`,
      `Your prep block for tomorrow's interview:\n${range(prep)}\nThe interview itself: ${range(interview)}`,
      prep.description,
    ],
    { label: 'The interview in Pairwise', url: options.interviewUrl },
  );
}

export interface ColleagueInvitationInput {
  name: string;
  invitedBy: string;
  /** The roles' labels, e.g. "Interviewer". */
  roles: string[];
  url: string;
  /** ISO-8601 instant the link stops working. */
  expiresAt: string;
}

/**
 * The mail that invites a colleague. The admin sees this same text before inviting (with a
 * stand-in link), so what arrives is what was previewed. The expiry is in UTC: Pairwise does
 * not know the colleague's time zone yet.
 */
export function renderColleagueInvitation(input: ColleagueInvitationInput): MessageContent {
  const until = DateTime.fromISO(input.expiresAt, { zone: 'utc' }).toFormat("cccc d LLLL yyyy, HH:mm 'UTC'");
  return message(
    `${input.invitedBy} invited you to Pairwise`,
    [
      `Hello ${input.name},`,
      `${input.invitedBy} invited you to Pairwise, where your team plans and runs pair-programming interviews, as ${input.roles.join(' and ')}.`,
      `The link below lets you choose a password once. It works until ${until}; after that, ask ${input.invitedBy} to send it again.`,
    ],
    { label: 'Choose your password', url: input.url },
  );
}
