import type { DateTime } from 'luxon';
import { type AgendaItem, buildAgendaFrom } from './agenda.ts';
import {
  emailDocument,
  escapeHtml,
  type HtmlSection,
  htmlList,
  isSafeHref,
  link,
  textToHtml,
} from './email-html.ts';
import {
  type CancellationInput,
  cancellationInputSchema,
  type InvitationInput,
  invitationInputSchema,
  type ParsedInvitationInput,
  parseOrThrow,
  type RescheduleInput,
  rescheduleInputSchema,
} from './invitation-input.ts';
import {
  describeMinutes,
  formatDateInZone,
  formatRangeInZone,
  formatTimeInZone,
  offsetLabel,
  parseInstant,
  zonesDiffer,
} from './zoned-time.ts';

export interface InvitationContent {
  subject: string;
  text: string;
  html: string;
  agenda: AgendaItem[];
  /** Plain text for the candidate's calendar event (DESCRIPTION): agenda, place, portal. */
  calendarDescription: string;
  startsAt: string;
  endsAt: string;
}

export interface MessageContent {
  subject: string;
  text: string;
  html: string;
}

/** One block of the message, written once for the text part and once for the HTML part. */
interface Section {
  heading?: string;
  text: string;
  html: string;
}

function assemble(title: string, sections: Section[]): { text: string; html: string } {
  const text = sections
    .map((s) => (s.heading ? `${s.heading.toUpperCase()}\n${s.text}` : s.text))
    .join('\n\n')
    .concat('\n');
  const htmlSections: HtmlSection[] = sections.map((s) =>
    s.heading ? { heading: s.heading, body: s.html } : { body: s.html },
  );
  return { text, html: emailDocument(title, htmlSections) };
}

function bullets(items: Array<{ text: string; html: string }>): Section {
  return {
    text: items.map((i) => `- ${i.text}`).join('\n'),
    html: htmlList(items.map((i) => i.html)),
  };
}

/** A line written once as plain text; the HTML is the same words, escaped. */
function plain(text: string): { text: string; html: string } {
  return { text, html: escapeHtml(text) };
}

/** A paragraph section; line breaks in the text stay line breaks in the HTML. */
function para(text: string): Section {
  return { text, html: `<p>${text.split('\n').map(escapeHtml).join('<br>\n')}</p>` };
}

function describePlace(place: string): { text: string; html: string } {
  if (isSafeHref(place) && /^https?:/i.test(place)) {
    return { text: `Video call: ${place}`, html: `Video call: ${link(place)}` };
  }
  return plain(place);
}

function whoWeAre(input: {
  organizationName?: string | undefined;
  positionTitle?: string | undefined;
}): string {
  const org = input.organizationName ? ` with ${input.organizationName}` : '';
  const position = input.positionTitle ? ` for the ${input.positionTitle} position` : '';
  return `${org}${position}`;
}

interface Timing {
  start: DateTime;
  end: DateTime;
  agenda: AgendaItem[];
}

function timing(input: ParsedInvitationInput): Timing {
  const start = parseInstant(input.startsAt);
  const agenda = buildAgendaFrom(start, input.agendaMinutes ?? {});
  const last = agenda[agenda.length - 1];
  const end = last ? parseInstant(last.endsAt) : start;
  return { start, end, agenda };
}

/** The candidate's own zone first; the interviewer's only when the clocks actually differ. */
function whenLines(input: ParsedInvitationInput, t: Timing): { text: string; html: string } {
  const mine = formatRangeInZone(t.start, t.end, input.candidate.timeZone);
  const theirZone = input.interviewTimeZone;
  if (!zonesDiffer(t.start, input.candidate.timeZone, theirZone)) return plain(mine);
  const sameDay =
    t.start.setZone(theirZone).toISODate() === t.start.setZone(input.candidate.timeZone).toISODate();
  const theirs = `For your interviewer: ${formatRangeInZone(t.start, t.end, theirZone, !sameDay)}`;
  return { text: `${mine}\n       ${theirs}`, html: `${escapeHtml(mine)}<br>${escapeHtml(theirs)}` };
}

function agendaSection(input: ParsedInvitationInput, t: Timing): Section {
  const zone = input.candidate.timeZone;
  const rows = t.agenda.map((item) => {
    const range = `${formatTimeInZone(parseInstant(item.startsAt), zone)}–${formatTimeInZone(parseInstant(item.endsAt), zone)}`;
    return { range, label: item.label };
  });
  return {
    heading: 'The agenda',
    text: `${rows.map((r) => `${r.range}  ${r.label}`).join('\n')}\n(times in ${zone}, ${offsetLabel(t.start.setZone(zone))})`,
    html:
      `<table role="presentation" style="border-collapse:collapse">\n${rows
        .map(
          (r) =>
            `<tr><td style="padding:2px 16px 2px 0;white-space:nowrap">${escapeHtml(r.range)}</td><td>${escapeHtml(r.label)}</td></tr>`,
        )
        .join('\n')}\n</table>\n` +
      `<p style="color:#555">Times in ${escapeHtml(zone)} (${escapeHtml(offsetLabel(t.start.setZone(zone)))}).</p>`,
  };
}

function expectationsSection(input: ParsedInvitationInput, t: Timing): Section {
  const pairing = t.agenda.find((a) => a.kind === 'pairing');
  const hour = describeMinutes(pairing?.minutes ?? 60);
  const navigator = input.navigatorName;
  const items = [
    plain(
      `It is about collaboration, not about finishing. We want to see how we work together; ` +
        `most pairs do not finish the task, and that is completely fine.`,
    ),
    plain(
      `Setup is its own step and is not taken from your pairing time. Pairing then lasts exactly ${hour}; ` +
        `an alarm marks the end, so you never need to watch the clock.`,
    ),
    plain(
      `${navigator} will take notes during the session. We do this so that nothing has to be recalled from memory ` +
        `afterwards and everyone who interviews with us is assessed fairly, on the same kind of written record. ` +
        `Note-taking is not a sign that anything went wrong.`,
    ),
    plain(
      'Questions are welcome at any time, and searching the web or reading documentation is fine, just as in everyday work.',
    ),
    plain(
      'When the pairing time is over, we will ask you to delete the interview repository from your machine. ' +
        'After a short break we hold a short retrospective over coffee: what went well, what you learned, ' +
        'what you would change. We will also ask by when you would like to hear back from us.',
    ),
  ];
  if (input.shadowNames && input.shadowNames.length > 0) {
    items.splice(
      3,
      0,
      plain(
        `${joinNames(input.shadowNames)} will also join as a second interviewer and take their own notes, ` +
          'so that more than one person forms an independent view.',
      ),
    );
  }
  return { heading: 'What to expect', ...bullets(items) };
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function bringSection(input: ParsedInvitationInput): Section {
  const what = input.task.whatToBring.trim();
  const access =
    'Shortly before the session, your portal shows how to clone the interview repository and the credentials to use.';
  return {
    heading: 'What to install or bring',
    text: `${what ? `${what}\n\n` : ''}${access}`,
    html: `${what ? `${textToHtml(what)}\n` : ''}<p>${escapeHtml(access)}</p>`,
  };
}

function contactSection(input: ParsedInvitationInput): Section {
  const c = input.contact;
  const noDisadvantage =
    'Asking for another time carries no disadvantage, whatever the reason and also on the day itself. ' +
    'If you are not feeling well, tell us and we will simply find another time.';
  const adjustments =
    'If anything would make the session work better for you, you can ask for adjustments on your portal.';
  return {
    heading: 'Questions, adjustments or another time',
    text:
      `Your portal (always shows the current details; confirm or ask for another time there):\n${input.portalUrl}\n\n` +
      `${noDisadvantage}\n${adjustments}\n\nYour contact: ${c.name} <${c.email}>`,
    html:
      `<p>Your portal always shows the current details; confirm or ask for another time there:<br>${link(input.portalUrl)}</p>\n` +
      `<p>${escapeHtml(noDisadvantage)}<br>${escapeHtml(adjustments)}</p>\n` +
      `<p>Your contact: ${escapeHtml(c.name)} (${link(`mailto:${c.email}`, c.email)})</p>`,
  };
}

function detailsSection(input: ParsedInvitationInput, t: Timing): Section {
  const when = whenLines(input, t);
  const where = describePlace(input.place);
  const shadows = input.shadowNames ?? [];
  const who =
    shadows.length > 0
      ? `${input.navigatorName} (your interviewer) and ${joinNames(shadows)} (second interviewer)`
      : `${input.navigatorName} (your interviewer)`;
  return {
    text: `When:  ${when.text}\nWhere: ${where.text}\nWith:  ${who}\nTask:  ${input.task.title}`,
    html:
      `<p><strong>When:</strong> ${when.html}<br>\n<strong>Where:</strong> ${where.html}<br>\n` +
      `<strong>With:</strong> ${escapeHtml(who)}<br>\n<strong>Task:</strong> ${escapeHtml(input.task.title)}</p>`,
  };
}

function subjectDate(input: ParsedInvitationInput, start: DateTime): string {
  const zone = input.candidate.timeZone;
  return `${formatDateInZone(start, zone)}, ${formatTimeInZone(start, zone)} (${zone})`;
}

function calendarDescription(input: ParsedInvitationInput, t: Timing): string {
  return [
    agendaSection(input, t).text,
    '',
    `It is about collaboration, not finishing. ${input.navigatorName} takes notes so nothing is recalled from memory.`,
    'Questions and web searches are welcome.',
    '',
    `Where: ${describePlace(input.place).text}`,
    `Portal: ${input.portalUrl}`,
    `Contact: ${input.contact.name} <${input.contact.email}>`,
  ].join('\n');
}

function fullInvitation(input: ParsedInvitationInput, opening: Section, subject: string): InvitationContent {
  const t = timing(input);
  const sections: Section[] = [
    para(`Hello ${input.candidate.name},`),
    opening,
    detailsSection(input, t),
    agendaSection(input, t),
    expectationsSection(input, t),
    bringSection(input),
    contactSection(input),
    para(`We look forward to pairing with you.\n${input.navigatorName}`),
  ];
  return {
    subject,
    ...assemble(subject, sections),
    agenda: t.agenda,
    calendarDescription: calendarDescription(input, t),
    startsAt: t.agenda[0]?.startsAt ?? input.startsAt,
    endsAt: t.agenda[t.agenda.length - 1]?.endsAt ?? input.startsAt,
  };
}

/** The invitation as the candidate receives it (and as the navigator previews it). */
export function renderInvitation(raw: InvitationInput): InvitationContent {
  const input = parseOrThrow(invitationInputSchema, raw, 'invitation');
  const start = parseInstant(input.startsAt);
  return fullInvitation(
    input,
    input.wording?.welcome
      ? para(input.wording.welcome)
      : para(
          `You are invited to a pair-programming interview${whoWeAre(input)}. ` +
            'Everything about the day is below, so nothing should come as a surprise.',
        ),
    `Invitation: pair-programming interview on ${subjectDate(input, start)}`,
  );
}

/**
 * A new time (or place). Says what changed and repeats everything, so the newest mail is
 * complete on its own. It never says why: a move is never presented as anyone's fault.
 */
export function renderRescheduledInvitation(raw: RescheduleInput): InvitationContent {
  const input = parseOrThrow(rescheduleInputSchema, raw, 'rescheduled invitation');
  const start = parseInstant(input.startsAt);
  const previous = parseInstant(input.previousStartsAt, 'previousStartsAt');
  const zone = input.candidate.timeZone;
  const timeChanged = !start.equals(previous);
  const placeChanged = input.previousPlace !== undefined && input.previousPlace !== input.place;
  const change =
    timeChanged && placeChanged
      ? 'New time and place'
      : timeChanged
        ? 'New time'
        : placeChanged
          ? 'New place'
          : 'Updated';
  const lines = [
    timeChanged || placeChanged
      ? `Your pair-programming interview${whoWeAre(input)} has a ${change.toLowerCase()}.`
      : `The details of your pair-programming interview${whoWeAre(input)} have been updated.`,
  ];
  if (timeChanged) {
    lines.push(
      `New time:      ${formatDateInZone(start, zone)}, ${formatTimeInZone(start, zone)} (${zone})`,
      `Previous time: ${formatDateInZone(previous, zone)}, ${formatTimeInZone(previous, zone)} (${zone})`,
    );
  }
  if (placeChanged) lines.push(`New place: ${describePlace(input.place).text}`);
  lines.push('', 'The calendar entry updates itself; everything about the day is below, as before.');
  return fullInvitation(
    input,
    { text: lines.join('\n'), html: `<p>${lines.filter(Boolean).map(escapeHtml).join('<br>\n')}</p>` },
    `${change}: pair-programming interview on ${subjectDate(input, start)}`,
  );
}

/** A cancellation: states the fact, removes the calendar entry, assigns no blame. */
export function renderCancellation(raw: CancellationInput): MessageContent {
  const input = parseOrThrow(cancellationInputSchema, raw, 'cancellation');
  const start = parseInstant(input.startsAt);
  const zone = input.candidate.timeZone;
  const when = `${formatDateInZone(start, zone)}, ${formatTimeInZone(start, zone)} (${zone})`;
  const subject = `Cancelled: pair-programming interview on ${when}`;
  const fact = `The pair-programming interview${whoWeAre(input)} planned for ${when} is cancelled.`;
  const calendar = 'The calendar entry is cancelled too; you do not need to do anything.';
  const contact = `If you have any questions, ${input.contact.name} is happy to help: ${input.contact.email}`;
  const sections: Section[] = [para(`Hello ${input.candidate.name},`), para(`${fact}\n${calendar}`)];
  if (input.message) sections.push({ text: input.message, html: textToHtml(input.message) });
  sections.push({
    text: `${contact}\n\nKind regards,\n${input.contact.name}`,
    html:
      `<p>If you have any questions, ${escapeHtml(input.contact.name)} is happy to help: ` +
      `${link(`mailto:${input.contact.email}`, input.contact.email)}</p>\n<p>Kind regards,<br>${escapeHtml(input.contact.name)}</p>`,
  });
  return { subject, ...assemble(subject, sections) };
}

/**
 * The invitation's sections in plain text, for the candidate portal: the same words as the
 * email, without the greeting and the portal link (the reader is already there).
 */
export function invitationSections(raw: InvitationInput): Array<{ heading: string; text: string }> {
  const input = parseOrThrow(invitationInputSchema, raw, 'invitation');
  const t = timing(input);
  return [
    { heading: 'When and where', text: detailsSection(input, t).text },
    agendaSection(input, t),
    expectationsSection(input, t),
    bringSection(input),
  ].map((section) => ({ heading: section.heading ?? '', text: section.text }));
}

/**
 * The day before, to the candidate: the same details, agenda and list of what to bring as the
 * invitation, when the repository can be cloned, and the portal link, all in their own zone.
 * Nothing new is asked of them; a changed plan would have reached them as an update already.
 */
export function renderDayBeforeReminder(
  raw: InvitationInput & {
    /** How long before the start the portal shows the clone instructions (REPOSITORY_WINDOW_MINUTES). */
    cloneOpensMinutesBefore: number;
  },
): MessageContent {
  const input = parseOrThrow(invitationInputSchema, raw, 'reminder');
  const t = timing(input);
  const zone = input.candidate.timeZone;
  const start = t.start;
  const opens = start.minus({ minutes: Math.max(0, raw.cloneOpensMinutesBefore) });
  const subject = `Reminder: pair-programming interview on ${subjectDate(input, start)}`;
  const cloneText =
    raw.cloneOpensMinutesBefore > 0
      ? `From ${formatTimeInZone(opens, zone)} (${zone}), ${describeMinutes(raw.cloneOpensMinutesBefore)} before the start, ` +
        'your portal shows how to clone the interview repository and the credentials to use. '
      : 'At the start, your portal shows how to clone the interview repository and the credentials to use. ';
  const clone = `${cloneText}Cloning and installing happen in the setup step, which is not taken from your pairing time.`;
  const what = input.task.whatToBring.trim();
  const sections: Section[] = [
    para(`Hello ${input.candidate.name},`),
    input.wording?.reminder
      ? para(input.wording.reminder)
      : para(
          `A short reminder that your pair-programming interview${whoWeAre(input)} is tomorrow. ` +
            'Everything is as in your invitation; your portal always shows the current details.',
        ),
    detailsSection(input, t),
    agendaSection(input, t),
    {
      heading: 'What to have ready',
      text: `${what ? `${what}\n\n` : ''}${clone}`,
      html: `${what ? `${textToHtml(what)}\n` : ''}<p>${escapeHtml(clone)}</p>`,
    },
    contactSection(input),
    para(`See you tomorrow.\n${input.navigatorName}`),
  ];
  return { subject, ...assemble(subject, sections) };
}
