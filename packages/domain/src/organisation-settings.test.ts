import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  dayDurationBounds,
  dayDurationKeys,
  dayDurationsOf,
  defaultDayDurations,
  validateOrganisationSettings,
} from './organisation-settings.ts';

const valid = {
  durations: { ...defaultDayDurations },
  defaultLocale: 'en',
  organisationName: ' Acme ',
  replyTo: 'talent@acme.example',
};

function fieldsOf(input: Parameters<typeof validateOrganisationSettings>[0]): string[] {
  try {
    validateOrganisationSettings(input);
  } catch (error) {
    if (error instanceof AppError) return Object.keys(error.fields ?? {});
    throw error;
  }
  return [];
}

describe('organisation settings', () => {
  it("keeps Pairwise's defaults inside their own bounds", () => {
    for (const key of dayDurationKeys) {
      const { min, max } = dayDurationBounds[key];
      expect(defaultDayDurations[key]).toBeGreaterThanOrEqual(min);
      expect(defaultDayDurations[key]).toBeLessThanOrEqual(max);
    }
    expect(validateOrganisationSettings(valid).organisationName).toBe('Acme');
  });

  it('names each field out of bounds', () => {
    for (const key of dayDurationKeys) {
      const { min, max } = dayDurationBounds[key];
      for (const value of [min - 1, max + 1, min + 0.5]) {
        expect(fieldsOf({ ...valid, durations: { ...valid.durations, [key]: value } })).toContain(
          `durations.${key}`,
        );
      }
    }
    expect(fieldsOf({ ...valid, defaultLocale: 'it' })).toEqual(['defaultLocale']);
    expect(fieldsOf({ ...valid, replyTo: 'a@b' })).toEqual(['replyTo']);
    expect(fieldsOf({ ...valid, organisationName: 'A <b@c.d>' })).toEqual(['organisationName']);
  });

  it('reads an interview planned before the settings with the defaults it was announced with', () => {
    expect(dayDurationsOf(null)).toEqual(defaultDayDurations);
    expect(dayDurationsOf(JSON.stringify({ breakMinutes: 15 }))).toEqual({
      ...defaultDayDurations,
      breakMinutes: 15,
    });
  });
});
