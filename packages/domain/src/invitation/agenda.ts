import type { DateTime } from 'luxon';
import { AppError } from '../errors.ts';
import { type MessageLocale, translator } from '../i18n/translator.ts';
import { describeMinutes, parseInstant, toUtcIso } from './zoned-time.ts';

export interface AgendaMinutes {
  /** Installing and cloning; deliberately its own block so it never eats into pairing. */
  setupMinutes: number;
  pairingMinutes: number;
  breakMinutes: number;
  retroMinutes: number;
}

export const defaultAgendaMinutes: AgendaMinutes = {
  setupMinutes: 15,
  pairingMinutes: 60,
  breakMinutes: 10,
  retroMinutes: 20,
};

export type AgendaItemKind = 'setup' | 'pairing' | 'break' | 'retro';

export interface AgendaItem {
  kind: AgendaItemKind;
  label: string;
  /** ISO instant in UTC; render it in the reader's zone. */
  startsAt: string;
  endsAt: string;
  minutes: number;
}

// Generous enough for any real plan, tight enough to catch seconds passed as minutes.
const MAX_BLOCK_MINUTES = 240;

/**
 * The minutes an agenda reserves for a task's setup budget (in seconds), rounded up so setup
 * never runs into the pairing time. The one conversion that the invitation, the calendar
 * entries, the portal and the navigator's agenda on the day all use.
 */
export function setupMinutesFor(setupBudgetSec: number): number {
  return Math.max(0, Math.ceil(setupBudgetSec / 60));
}

export function resolveAgendaMinutes(partial: Partial<AgendaMinutes> = {}): AgendaMinutes {
  const minutes: AgendaMinutes = {
    setupMinutes: partial.setupMinutes ?? defaultAgendaMinutes.setupMinutes,
    pairingMinutes: partial.pairingMinutes ?? defaultAgendaMinutes.pairingMinutes,
    breakMinutes: partial.breakMinutes ?? defaultAgendaMinutes.breakMinutes,
    retroMinutes: partial.retroMinutes ?? defaultAgendaMinutes.retroMinutes,
  };
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(minutes)) {
    // Setup may be zero for a task with nothing to install; the rest are promised in the text.
    const min = key === 'setupMinutes' ? 0 : 1;
    if (!Number.isInteger(value) || value < min || value > MAX_BLOCK_MINUTES) {
      fields[key] = `Must be a whole number of minutes between ${min} and ${MAX_BLOCK_MINUTES}.`;
    }
  }
  if (Object.keys(fields).length > 0) {
    throw new AppError('invalid_request', 'The agenda durations are not valid.', fields);
  }
  return minutes;
}

export function agendaLabel(kind: AgendaItemKind, minutes: number, locale: MessageLocale = 'en'): string {
  const { t } = translator(locale);
  switch (kind) {
    case 'setup':
      return t('agenda.setup');
    case 'pairing':
      return t('agenda.pairing', { duration: describeMinutes(minutes, locale) });
    case 'break':
      return t('agenda.break');
    case 'retro':
      return t('agenda.retro');
  }
}

export function buildAgendaFrom(
  start: DateTime,
  partial: Partial<AgendaMinutes> = {},
  locale: MessageLocale = 'en',
): AgendaItem[] {
  const minutes = resolveAgendaMinutes(partial);
  const plan: Array<[AgendaItemKind, number]> = [
    ['setup', minutes.setupMinutes],
    ['pairing', minutes.pairingMinutes],
    ['break', minutes.breakMinutes],
    ['retro', minutes.retroMinutes],
  ];
  const items: AgendaItem[] = [];
  let cursor = start.toUTC();
  for (const [kind, length] of plan) {
    if (length === 0) continue;
    const end = cursor.plus({ minutes: length });
    items.push({
      kind,
      label: agendaLabel(kind, length, locale),
      startsAt: toUtcIso(cursor),
      endsAt: toUtcIso(end),
      minutes: length,
    });
    cursor = end;
  }
  return items;
}

/** The candidate's agenda: setup first, then exactly the pairing time, a break, the retrospective. */
export function buildAgenda(
  startsAt: string,
  partial: Partial<AgendaMinutes> = {},
  locale: MessageLocale = 'en',
): AgendaItem[] {
  return buildAgendaFrom(parseInstant(startsAt), partial, locale);
}

export function interviewMinutes(partial: Partial<AgendaMinutes> = {}): number {
  const m = resolveAgendaMinutes(partial);
  return m.setupMinutes + m.pairingMinutes + m.breakMinutes + m.retroMinutes;
}
