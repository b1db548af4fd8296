import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { renderAccommodationAnswer } from '../invitation/accommodation-answer.ts';
import { buildAgenda } from '../invitation/agenda.ts';
import { renderDecisionMessage } from '../invitation/decision-message.ts';
import {
  invitationSections,
  renderCancellation,
  renderDayBeforeReminder,
  renderInvitation,
  renderRescheduledInvitation,
} from '../invitation/invitation-content.ts';
import type { InvitationInput } from '../invitation/invitation-input.ts';
import { renderSlotOffer } from '../invitation/slot-offer.ts';
import { zonedLocalToUtc } from '../invitation/zoned-time.ts';
import { candidateLocales } from '../locales.ts';
import { type Catalog, en, type MessageId } from './en.ts';
import { pseudoLocale, pseudoMessage } from './pseudo.ts';
import { catalogs, type MessageLocale, translator } from './translator.ts';

/** Every argument, plural and select a message uses, with the select keys it offers. */
function shape(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const element of elements as Array<{
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
    }>) {
      if (element.value !== undefined && element.type !== 0 && element.type !== 7) found.add(element.value);
      for (const [key, option] of Object.entries(element.options ?? {})) {
        found.add(`${element.value}=${key}`);
        walk(option.value);
      }
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst());
  return [...found].sort();
}

// Words that are the same in a language on purpose (a product name, a shared loanword).
const SAME_AS_ENGLISH: Partial<Record<MessageLocale, MessageId[]>> = {
  de: ['time.zoneOffset', 'ics.portal'],
  fr: ['time.zoneOffset'],
  es: ['time.zoneOffset', 'ics.portal'],
};

describe('the candidate catalogs', () => {
  for (const locale of candidateLocales) {
    const catalog: Catalog = catalogs[locale];
    it(`${locale}: every message parses and uses exactly the English message's values and cases`, () => {
      for (const id of Object.keys(en) as MessageId[]) {
        expect(shape(catalog[id]), `${locale} ${id}`).toEqual(shape(en[id]));
      }
    });
    if (locale !== 'en') {
      it(`${locale}: every message is written in the language, not left in English`, () => {
        const untranslated = (Object.keys(en) as MessageId[]).filter(
          (id) => catalog[id] === en[id] && !SAME_AS_ENGLISH[locale]?.includes(id),
        );
        expect(untranslated).toEqual([]);
      });
    }
  }

  it('keeps plurals right: one minute, many minutes, and the hour in words', () => {
    expect(translator('de').t('time.duration', { minutes: 1 })).toBe('1 Minute');
    expect(translator('fr').t('time.duration', { minutes: 45 })).toBe('45 minutes');
    expect(translator('es').t('time.duration', { minutes: 60 })).toBe('una hora');
    expect(translator('en').t('time.duration', { minutes: 120 })).toBe('two hours');
  });

  it('accents and lengthens the pseudo-locale but keeps the ICU syntax', () => {
    const message = pseudoMessage(en['time.duration']);
    expect(shape(message)).toEqual(shape(en['time.duration']));
    expect(translator(pseudoLocale).t('time.duration', { minutes: 2 })).toMatch(/^\[2 ɱîñûţéš[ ·]+\]$/);
    // 35% longer, in groups a line can break between.
    const long = translator(pseudoLocale).t('expect.notes', { navigator: 'N' });
    // 35% of the letters, so about a quarter of the characters.
    const english = translator('en').t('expect.notes', { navigator: 'N' });
    expect(long.length).toBeGreaterThan(english.length * 1.25);
    expect(long).not.toMatch(/·{4}/);
  });
});

const startsAt = zonedLocalToUtc('2027-03-28T10:00', 'Europe/Berlin');

function invitation(locale: MessageLocale, overrides: Partial<InvitationInput> = {}): InvitationInput {
  return {
    candidate: { name: 'Ada Lovelace', timeZone: 'America/New_York' },
    startsAt,
    interviewTimeZone: 'Europe/Berlin',
    place: 'https://meet.example.com/pairwise-7f3a',
    task: { title: 'Bowling score kata', whatToBring: 'Node.js 20 or newer and git.' },
    contact: { name: 'Sam Rivera', email: 'sam.rivera@example.com' },
    portalUrl: 'https://pairwise.example.com/p/3q8vJx2mT0bYk1nZ',
    navigatorName: 'Grace Hopper',
    shadowNames: ['Linus Pauling', 'Mary Jackson'],
    organizationName: 'Acme Widgets',
    positionTitle: 'Backend Engineer',
    locale,
    ...overrides,
  };
}

/** Every message a candidate can receive, rendered in one locale, as the text they read. */
function everyCandidateText(locale: MessageLocale): Record<string, string> {
  const input = invitation(locale);
  const texts: Record<string, string> = {};
  const add = (name: string, content: { subject: string; text: string; html: string }) => {
    texts[`${name} subject`] = content.subject;
    texts[`${name} text`] = content.text;
    texts[`${name} html`] = visibleHtml(content.html);
  };
  const invited = renderInvitation(input);
  add('invitation', invited);
  texts['calendar description'] = invited.calendarDescription;
  texts['calendar summary'] = translator(locale).t('ics.summary', { position: 'Backend Engineer' });
  const previous = zonedLocalToUtc('2027-03-27T15:00', 'Europe/Berlin');
  add(
    'new time and place',
    renderRescheduledInvitation({ ...input, previousStartsAt: previous, previousPlace: 'Room 4.12' }),
  );
  add(
    'place only',
    renderRescheduledInvitation({ ...input, previousStartsAt: startsAt, previousPlace: 'Room 4.12' }),
  );
  add('updated', renderRescheduledInvitation({ ...input, previousStartsAt: startsAt }));
  add(
    'cancellation',
    renderCancellation({
      candidate: input.candidate,
      startsAt,
      interviewTimeZone: 'Europe/Berlin',
      contact: input.contact,
      organizationName: 'Acme Widgets',
      positionTitle: 'Backend Engineer',
      locale,
    }),
  );
  add('reminder', renderDayBeforeReminder({ ...input, cloneOpensMinutesBefore: 30 }));
  add('reminder at start', renderDayBeforeReminder({ ...input, cloneOpensMinutesBefore: 0 }));
  add(
    'accommodation answer',
    renderAccommodationAnswer({
      candidate: { name: 'Ada Lovelace' },
      positionTitle: 'Backend Engineer',
      request: 'Larger font please.',
      answer: 'Certainly, we will.',
      contact: input.contact,
      portalUrl: input.portalUrl,
      locale,
    }),
  );
  add(
    'decision',
    renderDecisionMessage({
      candidate: { name: 'Ada Lovelace' },
      message: 'We would love to make you an offer.',
      lineManager: { name: 'Joan Clarke', title: 'Head of Engineering' },
      contact: input.contact,
      portalUrl: input.portalUrl,
      organizationName: 'Acme Widgets',
      positionTitle: 'Backend Engineer',
      locale,
    }),
  );
  for (const rescheduling of [false, true]) {
    add(
      rescheduling ? 'new times offered' : 'times offered',
      renderSlotOffer({
        candidate: input.candidate,
        positionTitle: 'Backend Engineer',
        interviewTimeZone: 'Europe/Berlin',
        slots: [{ startsAt, endsAt: zonedLocalToUtc('2027-03-28T11:45', 'Europe/Berlin') }],
        contact: input.contact,
        portalUrl: input.portalUrl,
        rescheduling,
        locale,
      }),
    );
  }
  for (const section of invitationSections(input))
    texts[`portal ${section.heading}`] = `${section.heading}\n${section.text}`;
  for (const item of buildAgenda(startsAt, {}, locale)) texts[`agenda ${item.kind}`] = item.label;
  return texts;
}

function visibleHtml(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

// What the candidate's messages quote rather than say: names, addresses, the task, zones.
const DATA = [
  'Ada Lovelace',
  'Grace Hopper',
  'Linus Pauling',
  'Mary Jackson',
  'Sam Rivera',
  'Joan Clarke',
  'Head of Engineering',
  'Acme Widgets',
  'Backend Engineer',
  'Bowling score kata',
  'Node.js 20 or newer and git.',
  'Larger font please.',
  'Certainly, we will.',
  'We would love to make you an offer.',
  'Room 4.12',
  /https?:\/\/\S+?(?=[\s)>]|$)/g,
  /mailto:\S+/g,
  /[\w.]+@[\w.]+\w/g,
  /(America\/New_York|Europe\/Berlin)/g,
  /UTC[+-]\d\d:\d\d/g,
];

describe('the pseudo-locale check over every candidate message', () => {
  const texts = everyCandidateText(pseudoLocale);

  it('covers every message a candidate can receive', () => {
    expect(Object.keys(texts).length).toBeGreaterThan(30);
  });

  for (const [name, text] of Object.entries(texts)) {
    it(`${name}: every word went through the catalog or Intl`, () => {
      let rest = text;
      for (const data of DATA)
        rest = typeof data === 'string' ? rest.split(data).join(' ') : rest.replace(data, ' ');
      // Anything still in plain ASCII letters skipped both the catalog and Intl.
      expect(rest.match(/[A-Za-z]{2,}/g) ?? [], rest).toEqual([]);
    });
  }
});

describe('every candidate message in every language', () => {
  for (const locale of candidateLocales.filter((l) => l !== 'en')) {
    it(`${locale}: no English sentence and the dates in the language`, () => {
      const texts = everyCandidateText(locale);
      const english = everyCandidateText('en');
      for (const [name, text] of Object.entries(texts)) {
        if (name.startsWith('agenda') || name === 'calendar summary') continue;
        expect(text, name).not.toContain('pair-programming interview');
        expect(text, name).not.toContain('Hello');
        expect(text, name).not.toBe(english[name]);
      }
      const weekday = { de: 'Sonntag', fr: 'dimanche', es: 'domingo' }[locale];
      expect(texts['invitation subject']).toContain(weekday);
    });
  }

  it('writes the German invitation as a German candidate reads it', () => {
    const mail = renderInvitation(
      invitation('de', { candidate: { name: 'Ada', timeZone: 'Europe/Berlin' } }),
    );
    expect(mail.subject).toBe(
      'Einladung: Pair-Programming-Interview am Sonntag, 28. März 2027, 10:00 Uhr (Europe/Berlin)',
    );
    expect(mail.text).toContain('Hallo Ada,');
    expect(mail.text).toContain('Wann:    Sonntag, 28. März 2027, 10:00–11:45 (Europe/Berlin, UTC+02:00)');
    expect(mail.text).toContain('Dass mitgeschrieben wird, ist kein Zeichen dafür, dass etwas schiefläuft.');
    expect(mail.text).toContain('hat keinerlei Nachteile');
    expect(mail.text).toContain('Linus Pauling und Mary Jackson');
    expect(mail.html).toContain('<html lang="de-DE">');
  });
});
