import fs from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { type StaffMessageId, staffEn } from './staff-messages.ts';
import { t } from './staff-text.ts';

// The staff screens already on the catalog; each one moved is added here and then stays clean.
const ON_THE_CATALOG = ['../components/app-shell.tsx', '../routes/home-page.tsx'];

describe('the staff catalog', () => {
  it('parses every message', () => {
    for (const id of Object.keys(staffEn) as StaffMessageId[]) {
      expect(() => new IntlMessageFormat(staffEn[id], 'en-GB'), id).not.toThrow();
    }
  });

  it('fills values and selects', () => {
    expect(t('home.timesIn', { zone: 'Europe/Berlin' })).toBe(
      'Times are shown in your time zone, Europe/Berlin.',
    );
    expect(t('home.upcomingEmpty', { span: 'week' })).toBe('No interviews planned in this time.');
    expect(t('home.upcomingEmpty', { span: 'all' })).toBe('No interviews planned.');
  });

  for (const file of ON_THE_CATALOG) {
    it(`${file}: every visible word comes from the catalog`, () => {
      const source = fs.readFileSync(new URL(file, import.meta.url), 'utf8');
      // JSX text between tags, and the text attributes people read or hear.
      const jsxText = [...source.matchAll(/>\s*([A-Za-z][^<>{}]*?)\s*</g)].map((m) => m[1]);
      const attributes = [
        ...source.matchAll(/\b(?:label|aria-label|title|hint|placeholder|empty|alt)="([^"]*[A-Za-z][^"]*)"/g),
      ].map((m) => m[1]);
      const titles = [...source.matchAll(/useDocumentTitle\('([^']+)'\)/g)].map((m) => m[1]);
      expect([...jsxText, ...attributes, ...titles]).toEqual([]);
    });
  }
});
