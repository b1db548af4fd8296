import type { DateTime } from 'luxon';
import { type MessageLocale, type Translator, translator } from '../i18n/translator.ts';
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

function assemble(title: string, sections: Section[], lang = 'en'): { text: string; html: string } {
  const text = sections
    .map((s) => (s.heading ? `${s.heading.toUpperCase()}\n${s.text}` : s.text))
    .join('\n\n')
    .concat('\n');
  const htmlSections: HtmlSection[] = sections.map((s) =>
    s.heading ? { heading: s.heading, body: s.html } : { body: s.html },
  );
  return { text, html: emailDocument(title, htmlSections, lang) };
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

function describePlace(place: string, tr: Translator): { text: string; html: string } {
  if (isSafeHref(place) && /^https?:/i.test(place)) {
    // The URL is escaped by link(); the words around it by escapeHtml, split at a marker.
    const [before = '', after = ''] = tr.t('place.videoCall', { url: '\u0000' }).split('\u0000');
    return {
      text: tr.t('place.videoCall', { url: place }),
      html: `${escapeHtml(before)}${link(place)}${escapeHtml(after)}`,
    };
  }
  return plain(place);
}

/** "pair-programming interview with Acme for the Backend Engineer position", in the reader's words. */
function interviewName(
  input: { organizationName?: string | undefined; positionTitle?: string | undefined },
  tr: Translator,
): string {
  const organization = input.organizationName ?? '';
  const position = input.positionTitle ?? '';
  const about =
    organization && position ? 'both' : organization ? 'organization' : position ? 'position' : 'none';
  return tr.t('interview.name', { about, organization, position });
}

function trOf(input: { locale?: MessageLocale | undefined }): Translator {
  return translator(input.locale ?? 'en');
}

/** "When:  …" lines in the text part: labels padded to the longest, whatever the language. */
function labelled(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
}

interface Timing {
  start: DateTime;
  end: DateTime;
  agenda: AgendaItem[];
}

function timing(input: ParsedInvitationInput): Timing {
  const start = parseInstant(input.startsAt);
  const agenda = buildAgendaFrom(start, input.agendaMinutes ?? {}, input.locale ?? 'en');
  const last = agenda[agenda.length - 1];
  const end = last ? parseInstant(last.endsAt) : start;
  return { start, end, agenda };
}

/** The candidate's own zone first; the interviewer's only when the clocks actually differ. */
function whenLines(input: ParsedInvitationInput, t: Timing, indent: number): { text: string; html: string } {
  const locale = input.locale ?? 'en';
  const mine = formatRangeInZone(t.start, t.end, input.candidate.timeZone, true, locale);
  const theirZone = input.interviewTimeZone;
  if (!zonesDiffer(t.start, input.candidate.timeZone, theirZone)) return plain(mine);
  const sameDay =
    t.start.setZone(theirZone).toISODate() === t.start.setZone(input.candidate.timeZone).toISODate();
  const theirs = trOf(input).t('details.forYourInterviewer', {
    range: formatRangeInZone(t.start, t.end, theirZone, !sameDay, locale),
  });
  return {
    text: `${mine}\n${' '.repeat(indent)}${theirs}`,
    html: `${escapeHtml(mine)}<br>${escapeHtml(theirs)}`,
  };
}

function agendaSection(input: ParsedInvitationInput, t: Timing): Section {
  const zone = input.candidate.timeZone;
  const locale = input.locale ?? 'en';
  const tr = trOf(input);
  const rows = t.agenda.map((item) => {
    const range = `${formatTimeInZone(parseInstant(item.startsAt), zone, locale)}–${formatTimeInZone(parseInstant(item.endsAt), zone, locale)}`;
    return { range, label: item.label };
  });
  const offset = offsetLabel(t.start.setZone(zone));
  return {
    heading: tr.t('agenda.heading'),
    text: `${rows.map((r) => `${r.range}  ${r.label}`).join('\n')}\n${tr.t('agenda.timesIn', { zone, offset })}`,
    html:
      `<table role="presentation" style="border-collapse:collapse">\n${rows
        .map(
          (r) =>
            `<tr><td style="padding:2px 16px 2px 0;white-space:nowrap">${escapeHtml(r.range)}</td><td>${escapeHtml(r.label)}</td></tr>`,
        )
        .join('\n')}\n</table>\n` +
      `<p style="color:#555">${escapeHtml(tr.t('agenda.timesInHtml', { zone, offset }))}</p>`,
  };
}

function expectationsSection(input: ParsedInvitationInput, t: Timing): Section {
  const tr = trOf(input);
  const pairing = t.agenda.find((a) => a.kind === 'pairing');
  const duration = describeMinutes(pairing?.minutes ?? 60, tr.locale);
  const items = [
    plain(tr.t('expect.collaboration')),
    plain(tr.t('expect.setup', { duration })),
    plain(tr.t('expect.notes', { navigator: input.navigatorName })),
    plain(tr.t('expect.questions')),
    plain(tr.t('expect.after')),
  ];
  if (input.shadowNames && input.shadowNames.length > 0) {
    items.splice(3, 0, plain(tr.t('expect.shadows', { shadows: tr.list(input.shadowNames) })));
  }
  return { heading: tr.t('expect.heading'), ...bullets(items) };
}

function bringSection(input: ParsedInvitationInput): Section {
  const tr = trOf(input);
  const what = input.task.whatToBring.trim();
  const access = tr.t('bring.access');
  return {
    heading: tr.t('bring.heading'),
    text: `${what ? `${what}\n\n` : ''}${access}`,
    html: `${what ? `${textToHtml(what)}\n` : ''}<p>${escapeHtml(access)}</p>`,
  };
}

function contactSection(input: ParsedInvitationInput): Section {
  const tr = trOf(input);
  const c = input.contact;
  const noDisadvantage = tr.t('contact.noDisadvantage');
  const adjustments = tr.t('contact.adjustments');
  const yourContact = tr.t('contact.yourContact', { name: c.name });
  return {
    heading: tr.t('contact.heading'),
    text:
      `${tr.t('contact.portal')}\n${input.portalUrl}\n\n` +
      `${noDisadvantage}\n${adjustments}\n\n${yourContact} <${c.email}>`,
    html:
      `<p>${escapeHtml(tr.t('contact.portalHtml'))}<br>${link(input.portalUrl)}</p>\n` +
      `<p>${escapeHtml(noDisadvantage)}<br>${escapeHtml(adjustments)}</p>\n` +
      `<p>${escapeHtml(yourContact)} (${link(`mailto:${c.email}`, c.email)})</p>`,
  };
}

function detailsSection(input: ParsedInvitationInput, t: Timing): Section {
  const tr = trOf(input);
  const labels = {
    when: tr.t('details.when'),
    where: tr.t('details.where'),
    with: tr.t('details.with'),
    task: tr.t('details.task'),
  };
  const indent = Math.max(...Object.values(labels).map((label) => label.length)) + 2;
  const when = whenLines(input, t, indent);
  const where = describePlace(input.place, tr);
  const shadows = input.shadowNames ?? [];
  const who =
    shadows.length > 0
      ? tr.t('details.navigatorAndShadows', { navigator: input.navigatorName, shadows: tr.list(shadows) })
      : tr.t('details.navigator', { navigator: input.navigatorName });
  return {
    text: labelled([
      [labels.when, when.text],
      [labels.where, where.text],
      [labels.with, who],
      [labels.task, input.task.title],
    ]),
    html:
      `<p><strong>${escapeHtml(labels.when)}:</strong> ${when.html}<br>\n<strong>${escapeHtml(labels.where)}:</strong> ${where.html}<br>\n` +
      `<strong>${escapeHtml(labels.with)}:</strong> ${escapeHtml(who)}<br>\n<strong>${escapeHtml(labels.task)}:</strong> ${escapeHtml(input.task.title)}</p>`,
  };
}

/** "Sunday 28 March 2027, 10:00 (Europe/Berlin)" in the candidate's language and zone. */
function whenInZone(at: DateTime, zone: string, tr: Translator): string {
  return tr.t('time.dateTimeZone', {
    date: formatDateInZone(at, zone, tr.locale),
    time: formatTimeInZone(at, zone, tr.locale),
    zone,
  });
}

function subjectDate(input: ParsedInvitationInput, start: DateTime): string {
  return whenInZone(start, input.candidate.timeZone, trOf(input));
}

function calendarDescription(input: ParsedInvitationInput, t: Timing): string {
  const tr = trOf(input);
  return [
    agendaSection(input, t).text,
    '',
    tr.t('ics.collaboration', { navigator: input.navigatorName }),
    tr.t('ics.questions'),
    '',
    tr.t('ics.where', { place: describePlace(input.place, tr).text }),
    tr.t('ics.portal', { url: input.portalUrl }),
    tr.t('ics.contact', { name: input.contact.name, email: input.contact.email }),
  ].join('\n');
}

function fullInvitation(input: ParsedInvitationInput, opening: Section, subject: string): InvitationContent {
  const tr = trOf(input);
  const t = timing(input);
  const sections: Section[] = [
    para(tr.t('mail.greeting', { name: input.candidate.name })),
    opening,
    detailsSection(input, t),
    agendaSection(input, t),
    expectationsSection(input, t),
    bringSection(input),
    contactSection(input),
    para(`${tr.t('invitation.closing')}\n${input.navigatorName}`),
  ];
  return {
    subject,
    ...assemble(subject, sections, tr.intlLocale),
    agenda: t.agenda,
    calendarDescription: calendarDescription(input, t),
    startsAt: t.agenda[0]?.startsAt ?? input.startsAt,
    endsAt: t.agenda[t.agenda.length - 1]?.endsAt ?? input.startsAt,
  };
}

/** The invitation as the candidate receives it (and as the navigator previews it). */
export function renderInvitation(raw: InvitationInput): InvitationContent {
  const input = parseOrThrow(invitationInputSchema, raw, 'invitation');
  const tr = trOf(input);
  const start = parseInstant(input.startsAt);
  return fullInvitation(
    input,
    input.wording?.welcome
      ? para(input.wording.welcome)
      : para(tr.t('invitation.opening', { interview: interviewName(input, tr) })),
    tr.t('invitation.subject', { when: subjectDate(input, start) }),
  );
}

/**
 * A new time (or place). Says what changed and repeats everything, so the newest mail is
 * complete on its own. It never says why: a move is never presented as anyone's fault.
 */
export function renderRescheduledInvitation(raw: RescheduleInput): InvitationContent {
  const input = parseOrThrow(rescheduleInputSchema, raw, 'rescheduled invitation');
  const tr = trOf(input);
  const start = parseInstant(input.startsAt);
  const previous = parseInstant(input.previousStartsAt, 'previousStartsAt');
  const zone = input.candidate.timeZone;
  const timeChanged = !start.equals(previous);
  const placeChanged = input.previousPlace !== undefined && input.previousPlace !== input.place;
  const change =
    timeChanged && placeChanged ? 'timeAndPlace' : timeChanged ? 'time' : placeChanged ? 'place' : 'updated';
  const lines = [tr.t('reschedule.lead', { change, interview: interviewName(input, tr) })];
  if (timeChanged) {
    lines.push(
      labelled([
        [tr.t('reschedule.newTime'), whenInZone(start, zone, tr)],
        [tr.t('reschedule.previousTime'), whenInZone(previous, zone, tr)],
      ]),
    );
  }
  if (placeChanged) lines.push(tr.t('reschedule.newPlace', { place: describePlace(input.place, tr).text }));
  lines.push('', tr.t('reschedule.calendar'));
  const text = lines.join('\n');
  return fullInvitation(
    input,
    { text, html: `<p>${text.split('\n').filter(Boolean).map(escapeHtml).join('<br>\n')}</p>` },
    tr.t('reschedule.subject', { change, when: subjectDate(input, start) }),
  );
}

/** A cancellation: states the fact, removes the calendar entry, assigns no blame. */
export function renderCancellation(raw: CancellationInput): MessageContent {
  const input = parseOrThrow(cancellationInputSchema, raw, 'cancellation');
  const tr = trOf(input);
  const start = parseInstant(input.startsAt);
  const when = whenInZone(start, input.candidate.timeZone, tr);
  const subject = tr.t('cancel.subject', { when });
  const fact = tr.t('cancel.fact', { interview: interviewName(input, tr), when });
  const calendar = tr.t('cancel.calendar');
  const { name, email } = input.contact;
  const contact = tr.t('cancel.contact', { name, email });
  const [before = '', after = ''] = tr.t('cancel.contact', { name, email: '\u0000' }).split('\u0000');
  const sections: Section[] = [
    para(tr.t('mail.greeting', { name: input.candidate.name })),
    para(`${fact}\n${calendar}`),
  ];
  if (input.message) sections.push({ text: input.message, html: textToHtml(input.message) });
  sections.push({
    text: `${contact}\n\n${tr.t('mail.kindRegards')}\n${name}`,
    html:
      `<p>${escapeHtml(before)}${link(`mailto:${email}`, email)}${escapeHtml(after)}</p>\n` +
      `<p>${escapeHtml(tr.t('mail.kindRegards'))}<br>${escapeHtml(name)}</p>`,
  });
  return { subject, ...assemble(subject, sections, tr.intlLocale) };
}

/**
 * The invitation's sections in plain text, for the candidate portal: the same words as the
 * email, without the greeting and the portal link (the reader is already there).
 */
export function invitationSections(raw: InvitationInput): Array<{ heading: string; text: string }> {
  const input = parseOrThrow(invitationInputSchema, raw, 'invitation');
  const t = timing(input);
  return [
    { heading: trOf(input).t('portal.section.whenAndWhere'), text: detailsSection(input, t).text },
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
  const tr = trOf(input);
  const t = timing(input);
  const zone = input.candidate.timeZone;
  const start = t.start;
  const opens = start.minus({ minutes: Math.max(0, raw.cloneOpensMinutesBefore) });
  const subject = tr.t('reminder.subject', { when: subjectDate(input, start) });
  const cloneText =
    raw.cloneOpensMinutesBefore > 0
      ? tr.t('reminder.cloneFrom', {
          time: formatTimeInZone(opens, zone, tr.locale),
          zone,
          duration: describeMinutes(raw.cloneOpensMinutesBefore, tr.locale),
        })
      : tr.t('reminder.cloneAtStart');
  const clone = `${cloneText} ${tr.t('reminder.setupNotPairing')}`;
  const what = input.task.whatToBring.trim();
  const sections: Section[] = [
    para(tr.t('mail.greeting', { name: input.candidate.name })),
    input.wording?.reminder
      ? para(input.wording.reminder)
      : para(tr.t('reminder.lead', { interview: interviewName(input, tr) })),
    detailsSection(input, t),
    agendaSection(input, t),
    {
      heading: tr.t('reminder.haveReady'),
      text: `${what ? `${what}\n\n` : ''}${clone}`,
      html: `${what ? `${textToHtml(what)}\n` : ''}<p>${escapeHtml(clone)}</p>`,
    },
    contactSection(input),
    para(`${tr.t('reminder.closing')}\n${input.navigatorName}`),
  ];
  return { subject, ...assemble(subject, sections, tr.intlLocale) };
}
