import type { PortalSlotOffer, PortalView } from '@pairwise/domain';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PortalText, portalTranslator } from './portal-i18n.ts';
import { PortalStatus } from './portal-status.tsx';
import { SlotPicker } from './slot-picker.tsx';

const offer: PortalSlotOffer = {
  kind: 'invitation',
  interviewTimeZone: 'Europe/Berlin',
  awaitingPick: true,
  pickedSlotId: null,
  slots: [
    {
      id: 's1',
      startsAt: '2030-03-12T09:00:00.000Z',
      endsAt: '2030-03-12T10:45:00.000Z',
      inCandidateZone: 'Tuesday 12 March 2030, 05:00–06:45 (America/New_York, UTC−04:00)',
      inInterviewZone: 'Tuesday 12 March 2030, 10:00–11:45 (Europe/Berlin, UTC+01:00)',
      available: true,
    },
    {
      id: 's2',
      startsAt: '2030-03-12T13:00:00.000Z',
      endsAt: '2030-03-12T14:45:00.000Z',
      inCandidateZone: 'Tuesday 12 March 2030, 09:00–10:45 (America/New_York, UTC−04:00)',
      inInterviewZone: 'Tuesday 12 March 2030, 14:00–15:45 (Europe/Berlin, UTC+01:00)',
      available: false,
    },
  ],
};

const view = {
  phase: 'upcoming',
  timeZone: 'America/New_York',
  when: 'Tuesday 5 March 2030',
  place: 'Room 3',
  placeUrl: null,
  contact: { name: 'Nora Navigator', email: 'nora@example.com' },
  response: null,
  slotOffer: offer,
} as unknown as PortalView;

describe('the portal’s time picker', () => {
  const html = renderToStaticMarkup(
    <SlotPicker token="t" view={view} onChange={() => undefined} offer={offer} />,
  );

  it('is one labelled radio group, so the keyboard moves between times with the arrow keys', () => {
    expect(html).toContain('<legend>Choose a time</legend>');
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html.match(/name="slot"/g)).toHaveLength(2);
    // Every radio sits inside its label: the whole row is the target, on a phone too.
    expect(html).toMatch(/<label class="slot"><input type="radio"/);
  });

  it('shows each time in the candidate’s zone and the interviewers’, and marks a taken one', () => {
    expect(html).toContain('05:00–06:45 (America/New_York');
    expect(html).toContain('For the interviewers: Tuesday 12 March 2030, 10:00–11:45 (Europe/Berlin');
    expect(html).toMatch(/<label class="slot slot-taken"><input type="radio"[^>]*disabled=""/);
    expect(html).toContain('No longer available');
  });

  it('asks before booking: nothing is chosen yet, so the booking button is disabled', () => {
    expect(html).toMatch(
      /<button type="submit" class="primary" disabled="">Book the selected time<\/button>/,
    );
  });

  it('replaces “Confirm this time” with the picker while the time is not chosen yet', () => {
    const status = renderToStaticMarkup(<PortalStatus token="t" view={view} onChange={() => undefined} />);
    expect(status).toContain('Choose a time');
    expect(status).not.toContain('Confirm this time');
    expect(status).toContain('Ask for another time');
    expect(status).toContain('You choose: see the times below');
    expect(status).not.toContain('Tuesday 5 March 2030');
  });
});

describe('the time picker in the candidate’s language', () => {
  const inLocale = (locale: string) =>
    renderToStaticMarkup(
      <PortalText.Provider value={portalTranslator(locale)}>
        <PortalStatus token="t" view={view} onChange={() => undefined} />
      </PortalText.Provider>,
    );

  it('speaks German to a German candidate', () => {
    const html = inLocale('de');
    expect(html).toContain('<legend>Termin wählen</legend>');
    expect(html).toContain('Sie wählen: siehe die Termine unten');
    expect(html).toContain('Nicht mehr verfügbar');
    expect(html).toContain('Ausgewählten Termin buchen');
  });

  it('leaves no English word outside the catalog in the pseudo-locale', () => {
    const visible = inLocale('en-XA')
      .replace(/<[^>]+>/g, ' ')
      .replace(/Tuesday \d+ March 2030, [\d:–]+ \([^)]*\)/g, ' ')
      .replace(/(America\/New_York|Europe\/Berlin|Room 3|Nora Navigator)/g, ' ');
    expect(visible.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });
});
