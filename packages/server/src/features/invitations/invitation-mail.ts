import { createHash } from 'node:crypto';
import {
  AppError,
  buildAgenda,
  type CandidateLocale,
  dayDurationsOf,
  fillTemplate,
  formatRangeInZone,
  formatTimeInZone,
  type InterviewerBlock,
  type InterviewerBlockKind,
  type InvitationContent,
  type InvitationInput,
  interviewerBlocks,
  type MessageLocale,
  parseInstant,
  resolveTemplate,
  setupMinutesFor,
  type TemplatePart,
  type TemplateValues,
  translator,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import type { CalendarEventInput } from '../../platform/calendar/calendar-invites.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewFacts, InvitationsRepository, Person } from './repository.ts';

/**
 * Turns stored facts into the inputs of the domain's message and calendar builders. Pure: no
 * database, no clock beyond what the facts carry.
 */

/** Stands in for the private link in a preview; the real link is created when the message is sent. */
export const PORTAL_LINK_PLACEHOLDER = 'private-link-created-when-sent';

export type CalendarBlock = 'candidate' | InterviewerBlockKind;

/**
 * One UID per interview × block × attendee, derived rather than random so the private calendar
 * feed and the mailed invites name the same event before any invite went out.
 */
export function calendarUid(interviewId: string, block: CalendarBlock, attendee: string): string {
  const hex = createHash('sha256').update(`pairwise:${interviewId}:${block}:${attendee}`).digest('hex');
  // RFC 9562 layout with version 8 (custom) and the RFC variant bits.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const portalUrlFor = (publicUrl: string, token: string) => `${publicUrl}/p/${token}`;
export const interviewUrlFor = (publicUrl: string, interviewId: string) =>
  `${publicUrl}/interviews/${interviewId}`;

/** What to install or bring, from the task: the commands the repository's setup will run. */
export function whatToBring(task: InterviewFacts['task'], locale: MessageLocale = 'en'): string {
  const { t } = translator(locale);
  const commands = [...task.setupCommands, task.testCommand].filter((c) => c.trim());
  const lines = [t('bring.laptop')];
  if (commands.length > 0) {
    lines.push(t('bring.commands'), ...commands.map((command) => `  ${command}`));
  }
  return lines.join('\n');
}

/**
 * The planned lengths the agenda is built from: the interview's own copies, never the task's or
 * the settings' today.
 */
export function agendaMinutesOf(interview: {
  setup_budget_sec: number;
  pairing_minutes: number;
  day_durations?: string | null;
}) {
  const durations = dayDurationsOf(interview.day_durations);
  return {
    setupMinutes: setupMinutesFor(interview.setup_budget_sec),
    pairingMinutes: interview.pairing_minutes,
    breakMinutes: durations.breakMinutes,
    retroMinutes: durations.retroMinutes,
  };
}

/** The agenda and the panel's prep, refinement and debrief blocks, as the interview was planned. */
export function blockMinutesOf(interview: Parameters<typeof agendaMinutesOf>[0]) {
  const durations = dayDurationsOf(interview.day_durations);
  return {
    ...agendaMinutesOf(interview),
    prepMinutes: durations.prepMinutes,
    refinementMinutes: durations.refinementBlockMinutes,
    debriefMinutes: durations.debriefMinutes,
  };
}

/** The values a template may use in a message about this interview, in the candidate's zone. */
export function templateValuesOf(facts: InterviewFacts, portalUrl: string): TemplateValues {
  const zone = facts.candidate.timeZone;
  const agenda = buildAgenda(facts.interview.starts_at, agendaMinutesOf(facts.interview));
  const start = parseInstant(facts.interview.starts_at);
  const end = agenda.length > 0 ? parseInstant(agenda[agenda.length - 1]!.endsAt) : start;
  const commands = [...facts.task.setupCommands, facts.task.testCommand].filter((c) => c.trim());
  return {
    candidateName: facts.candidate.name,
    positionTitle: facts.position.title,
    organisationName: facts.voice?.organisationName ?? '',
    interviewDate: `${formatRangeInZone(start, end, zone)} (${zone})`,
    agenda: agenda
      .map(
        (item) =>
          `${formatTimeInZone(parseInstant(item.startsAt), zone)}–${formatTimeInZone(parseInstant(item.endsAt), zone)}  ${item.label}`,
      )
      .join('\n'),
    portalLink: portalUrl,
    navigatorName: facts.navigator.name,
    taskTitle: facts.task.title,
    setupCommands: commands.map((command) => `  ${command}`).join('\n'),
    lineManagerName: facts.lineManager.name,
  };
}

/**
 * The organisation's (or the position's) text for a part, filled in; undefined where Pairwise's
 * wording applies, so the renderer keeps its own (localized) words.
 */
export function ownWording(facts: InterviewFacts, part: TemplatePart, portalUrl: string): string | undefined {
  const voice = facts.voice;
  if (!voice) return undefined;
  const { text, source } = resolveTemplate(part, voice.locale, voice.templates);
  if (source === 'pairwise') return undefined;
  return fillTemplate(text, templateValuesOf(facts, portalUrl), voice.locale);
}

/** The candidate's language for the interview's messages. */
export const localeOf = (facts: InterviewFacts): CandidateLocale => facts.voice?.locale ?? 'en';

export function invitationInput(facts: InterviewFacts, portalUrl: string): InvitationInput {
  const welcome = ownWording(facts, 'welcome', portalUrl);
  const reminder = ownWording(facts, 'reminder', portalUrl);
  const bring = ownWording(facts, 'whatToBring', portalUrl);
  return {
    ...(facts.voice?.organisationName ? { organizationName: facts.voice.organisationName } : {}),
    ...(welcome || reminder
      ? { wording: { ...(welcome ? { welcome } : {}), ...(reminder ? { reminder } : {}) } }
      : {}),
    candidate: { name: facts.candidate.name, timeZone: facts.candidate.timeZone },
    locale: facts.candidate.locale,
    startsAt: facts.interview.starts_at,
    interviewTimeZone: facts.interview.time_zone,
    place: facts.interview.place,
    task: { title: facts.task.title, whatToBring: bring ?? whatToBring(facts.task, facts.candidate.locale) },
    agendaMinutes: agendaMinutesOf(facts.interview),
    contact: { name: facts.navigator.name, email: facts.navigator.email },
    portalUrl,
    navigatorName: facts.navigator.name,
    shadowNames: facts.shadows.map((shadow) => shadow.name),
    positionTitle: facts.position.title,
  };
}

/** The candidate's own calendar entry: the interview alone, with the agenda in its description. */
export function candidateCalendarEvent(
  facts: InterviewFacts,
  content: Pick<InvitationContent, 'startsAt' | 'endsAt' | 'calendarDescription'>,
  sequence: number,
  portalUrl: string | null,
  organizer: { name: string; email: string },
): CalendarEventInput {
  return {
    uid: calendarUid(facts.interview.id, 'candidate', 'candidate'),
    sequence,
    startsAt: content.startsAt,
    endsAt: content.endsAt,
    timeZone: facts.candidate.timeZone,
    summary: translator(facts.candidate.locale).t('ics.summary', { position: facts.position.title }),
    description: content.calendarDescription,
    location: facts.interview.place,
    ...(portalUrl ? { url: portalUrl } : {}),
    // Pairwise organizes from the address the mail comes from, so calendar replies reach it;
    // SENT-BY shows the navigator, for whom it sends.
    organizer: { ...organizer, sentBy: facts.navigator.email },
    attendees: [{ name: facts.candidate.name, email: facts.candidate.email }],
  };
}

export interface PanelBlock {
  attendee: Person;
  block: InterviewerBlock;
}

/**
 * Everyone's own blocks: navigator and shadows get prep, interview, refinement and debrief; the
 * line manager gets the debrief. Built from staff-side facts only.
 */
export function panelBlocks(facts: InterviewFacts): PanelBlock[] {
  const blocks = interviewerBlocks({
    startsAt: facts.interview.starts_at,
    ...blockMinutesOf(facts.interview),
    positionTitle: facts.position.title,
    taskTitle: facts.task.title,
    lineManagerName: facts.lineManager.name,
  });
  const panel = [facts.navigator, ...facts.shadows];
  const result = panel.flatMap((attendee) => blocks.map((block) => ({ attendee, block })));
  const debrief = blocks.find((block) => block.kind === 'debrief');
  if (debrief && !panel.some((person) => person.id === facts.lineManager.id)) {
    result.push({ attendee: facts.lineManager, block: debrief });
  }
  return result;
}

export function blockCalendarEvent(
  facts: InterviewFacts,
  { attendee, block }: PanelBlock,
  sequence: number,
  organizer: { name: string; email: string },
  interviewUrl: string,
): CalendarEventInput {
  return {
    uid: calendarUid(facts.interview.id, block.kind, attendee.id),
    sequence,
    startsAt: block.startsAt,
    endsAt: block.endsAt,
    timeZone: facts.interview.time_zone,
    summary: block.title,
    description: `${block.description}\n\n${interviewUrl}`,
    ...(block.kind === 'interview' ? { location: facts.interview.place } : {}),
    url: interviewUrl,
    organizer,
    attendees: [{ name: attendee.name, email: attendee.email, rsvp: false }],
  };
}

/** Candidate details that must never appear in a panel invite outside its attendee line. */
export const candidatePrivateTerms = (facts: Pick<InterviewFacts, 'candidate'>) => [
  facts.candidate.name,
  facts.candidate.email,
];

/** The facts every message about an interview is rendered from; a 404 when it is gone. */
export async function requireFacts(
  repository: InvitationsRepository,
  interviewId: string,
  trx?: Kysely<Database>,
): Promise<InterviewFacts> {
  const facts = await repository.facts(interviewId, trx);
  if (!facts) throw new AppError('not_found', 'Interview was not found.');
  return facts;
}

/** Mail to the candidate: their answer goes to the navigator, the person they know. */
export function candidateAddressees(facts: InterviewFacts) {
  return {
    to: { name: facts.candidate.name, address: facts.candidate.email },
    replyTo: { name: facts.navigator.name, address: facts.navigator.email },
  };
}
