import { z } from 'zod';
import { AppError, type FieldErrors } from './errors.ts';
import { REFINEMENT_MINUTES } from './interview-clock.ts';
import { defaultAgendaMinutes } from './invitation/agenda.ts';
import { defaultInterviewerBlockMinutes } from './invitation/interviewer-blocks.ts';
import { type CandidateLocale, defaultCandidateLocale, isCandidateLocale } from './locales.ts';
import { BREAK_MINUTES } from './process/protected-time.ts';

/**
 * The lengths of the interview day an admin may change. Planning copies them onto the interview,
 * so the agenda, the calendar blocks, the timers and the protected-time rules of an interview
 * already announced to a candidate never change with a later setting.
 */
export interface DayDurations {
  /** The setup block of an agenda when no task (with its own setup budget) is chosen yet. */
  setupDefaultMinutes: number;
  breakMinutes: number;
  retroMinutes: number;
  prepMinutes: number;
  /** The panel's calendar block after the interview. */
  refinementBlockMinutes: number;
  /** The protected refinement on the day: submitting before it is up needs a confirmation. */
  refinementTimerMinutes: number;
  debriefMinutes: number;
}

export type DayDurationKey = keyof DayDurations;

/** Pairwise's own lengths: what every interview planned before the settings existed was announced with. */
export const defaultDayDurations: DayDurations = {
  setupDefaultMinutes: defaultAgendaMinutes.setupMinutes,
  breakMinutes: BREAK_MINUTES,
  retroMinutes: defaultAgendaMinutes.retroMinutes,
  prepMinutes: defaultInterviewerBlockMinutes.prepMinutes,
  refinementBlockMinutes: defaultInterviewerBlockMinutes.refinementMinutes,
  refinementTimerMinutes: REFINEMENT_MINUTES,
  debriefMinutes: defaultInterviewerBlockMinutes.debriefMinutes,
};

/**
 * Sane bounds: a break shorter than five minutes is no break, a refinement timer under ten
 * minutes cannot hold a bias check, and nothing in a single interview day needs more than hours.
 */
export const dayDurationBounds: Record<DayDurationKey, { label: string; min: number; max: number }> = {
  setupDefaultMinutes: { label: 'Setup (when no task is chosen yet)', min: 0, max: 120 },
  breakMinutes: { label: 'Break after pairing', min: 5, max: 60 },
  retroMinutes: { label: 'Retrospective', min: 10, max: 90 },
  prepMinutes: { label: 'Prep block before the interview', min: 10, max: 120 },
  refinementBlockMinutes: { label: 'Refinement block after the interview', min: 15, max: 180 },
  refinementTimerMinutes: { label: 'Refinement timer on the day', min: 10, max: 180 },
  debriefMinutes: { label: 'Debrief with the line manager', min: 15, max: 120 },
};

export const dayDurationKeys = Object.keys(dayDurationBounds) as DayDurationKey[];

export interface OrganisationSettings {
  durations: DayDurations;
  /** The locale a candidate reads Pairwise in until their own is known. */
  defaultLocale: CandidateLocale;
  /** Named in candidate mail ("with Acme") and as the sender's display name; null: not named. */
  organisationName: string | null;
  /** Where candidates' replies go; null: to the navigator, a person who knows the interview. */
  replyTo: string | null;
}

export const defaultOrganisationSettings: OrganisationSettings = {
  durations: defaultDayDurations,
  defaultLocale: defaultCandidateLocale,
  organisationName: null,
  replyTo: null,
};

// The same shape the API's zod schemas accept for an address; kept simple on purpose.
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

/**
 * Checks what an admin submitted and answers with the settings to store. Every problem is named
 * on its own field (durations as `durations.breakMinutes`) so the page marks the right input.
 */
export function validateOrganisationSettings(input: {
  durations: Record<string, number>;
  defaultLocale: string;
  organisationName: string | null;
  replyTo: string | null;
}): OrganisationSettings {
  const fields: FieldErrors = {};
  const durations = { ...defaultDayDurations };
  for (const key of dayDurationKeys) {
    const value = input.durations[key] ?? defaultDayDurations[key];
    const { min, max } = dayDurationBounds[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      fields[`durations.${key}`] = `Must be a whole number of minutes between ${min} and ${max}.`;
    }
    durations[key] = value;
  }
  for (const key of Object.keys(input.durations)) {
    if (!(key in dayDurationBounds)) fields[`durations.${key}`] = 'Not a setting Pairwise knows.';
  }
  // A timer that outlasts the calendar block would run into whatever comes next in people's day.
  if (
    !fields['durations.refinementTimerMinutes'] &&
    durations.refinementTimerMinutes > durations.refinementBlockMinutes
  ) {
    fields['durations.refinementTimerMinutes'] =
      `Must not be longer than the refinement block (${durations.refinementBlockMinutes} minutes).`;
  }
  if (!isCandidateLocale(input.defaultLocale)) {
    fields.defaultLocale = 'Choose one of the candidate languages.';
  }
  const organisationName = input.organisationName?.trim() || null;
  if (organisationName && organisationName.length > 200) fields.organisationName = 'At most 200 characters.';
  if (organisationName && /[\r\n<>]/.test(organisationName)) {
    // It becomes the display name of the sender, where a line break or angle bracket forges headers.
    fields.organisationName = 'Line breaks and angle brackets are not allowed.';
  }
  const replyTo = input.replyTo?.trim() || null;
  if (replyTo && (replyTo.length > 254 || !EMAIL.test(replyTo))) fields.replyTo = 'Not an email address.';
  if (Object.keys(fields).length > 0) {
    const labels: Record<string, string> = {
      defaultLocale: 'default candidate language',
      organisationName: 'organisation name',
      replyTo: 'reply-to address',
    };
    const names = Object.keys(fields)
      .map((field) => {
        const key = field.replace(/^durations\./, '') as DayDurationKey;
        return dayDurationBounds[key]?.label.toLowerCase() ?? labels[field] ?? field;
      })
      .join(', ');
    throw new AppError('unprocessable', `These settings are not valid: ${names}.`, fields);
  }
  return {
    durations,
    defaultLocale: input.defaultLocale as CandidateLocale,
    organisationName,
    replyTo,
  };
}

/**
 * The lengths an interview was planned with, read back from its stored copy. Interviews planned
 * before the settings existed have none and were announced with Pairwise's defaults.
 */
const storedDurations = z.record(z.string(), z.unknown()).catch({});

export function dayDurationsOf(stored: string | null | undefined): DayDurations {
  if (!stored) return { ...defaultDayDurations };
  // Each length is taken only if it is a number: a copy from an older release may lack some.
  const parsed = storedDurations.parse(JSON.parse(stored));
  const durations = { ...defaultDayDurations };
  for (const key of dayDurationKeys) {
    const value = parsed[key];
    if (typeof value === 'number' && Number.isFinite(value)) durations[key] = value;
  }
  return durations;
}
