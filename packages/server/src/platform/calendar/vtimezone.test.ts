import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildVTimezone } from './vtimezone.ts';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

function observances(vtimezone: string): string[] {
  return [
    ...vtimezone.matchAll(
      /BEGIN:(STANDARD|DAYLIGHT)\r\nDTSTART:(\w+)\r\nTZOFFSETFROM:(\S+)\r\nTZOFFSETTO:(\S+)/g,
    ),
  ].map((m) => `${m[1]} ${m[2]} ${m[3]}→${m[4]}`);
}

describe('buildVTimezone', () => {
  it('lists the Berlin transitions around a 2027 event, in local time before the change', () => {
    const event = at('2027-03-28T08:00:00Z');
    const vtz = buildVTimezone('Europe/Berlin', event, event);
    expect(vtz.startsWith('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n')).toBe(true);
    expect(vtz.endsWith('END:VTIMEZONE')).toBe(true);
    expect(observances(vtz)).toEqual([
      'STANDARD 20260101T000000 +0100→+0100',
      'DAYLIGHT 20260329T020000 +0100→+0200',
      'STANDARD 20261025T030000 +0200→+0100',
      'DAYLIGHT 20270328T020000 +0100→+0200',
      'STANDARD 20271031T030000 +0200→+0100',
      'DAYLIGHT 20280326T020000 +0100→+0200',
      'STANDARD 20281029T030000 +0200→+0100',
    ]);
  });

  it('handles the southern hemisphere, where summer time spans the new year', () => {
    const event = at('2027-03-28T08:00:00Z');
    const found = observances(buildVTimezone('Australia/Sydney', event, event));
    expect(found[0]).toBe('DAYLIGHT 20260101T000000 +1100→+1100');
    expect(found).toContain('STANDARD 20270404T030000 +1100→+1000');
    expect(found).toContain('DAYLIGHT 20271003T020000 +1000→+1100');
  });

  it('emits a single observance for a zone without DST', () => {
    const event = at('2027-03-28T08:00:00Z');
    expect(observances(buildVTimezone('Asia/Tokyo', event, event))).toEqual([
      'STANDARD 20260101T000000 +0900→+0900',
    ]);
  });

  it('reuses a block only for the same zone and years', () => {
    const march = buildVTimezone('Europe/Berlin', at('2027-03-28T08:00:00Z'), at('2027-03-28T09:00:00Z'));
    const june = buildVTimezone('Europe/Berlin', at('2027-06-01T08:00:00Z'), at('2027-06-01T09:00:00Z'));
    expect(june).toBe(march);
    const nextYear = buildVTimezone('Europe/Berlin', at('2028-06-01T08:00:00Z'), at('2028-06-01T09:00:00Z'));
    expect(observances(nextYear).at(-1)).toBe('STANDARD 20291028T030000 +0200→+0100');
    expect(buildVTimezone('Europe/Paris', at('2027-06-01T08:00:00Z'), at('2027-06-01T09:00:00Z'))).toContain(
      'TZID:Europe/Paris',
    );
  });

  it('refuses an unknown zone', () => {
    const event = at('2027-03-28T08:00:00Z');
    expect(() => buildVTimezone('Nowhere/Town', event, event)).toThrow(/Unknown time zone/);
  });
});
