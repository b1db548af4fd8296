import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { buildAgenda, interviewMinutes } from './agenda.ts';

describe('buildAgenda', () => {
  it('runs setup, exactly one hour of pairing, a break and the retrospective back to back', () => {
    const agenda = buildAgenda('2027-03-28T08:00:00Z');
    expect(agenda.map((a) => [a.kind, a.startsAt, a.endsAt])).toEqual([
      ['setup', '2027-03-28T08:00:00Z', '2027-03-28T08:15:00Z'],
      ['pairing', '2027-03-28T08:15:00Z', '2027-03-28T09:15:00Z'],
      ['break', '2027-03-28T09:15:00Z', '2027-03-28T09:25:00Z'],
      ['retro', '2027-03-28T09:25:00Z', '2027-03-28T09:45:00Z'],
    ]);
    expect(agenda[1]?.label).toBe('Pairing: exactly one hour');
    expect(agenda[0]?.label).toMatch(/not taken from your pairing time/);
  });

  it('keeps setup out of the pairing time whatever its length', () => {
    const agenda = buildAgenda('2027-03-28T08:00:00Z', { setupMinutes: 40, pairingMinutes: 90 });
    const pairing = agenda.find((a) => a.kind === 'pairing');
    expect(pairing?.startsAt).toBe('2027-03-28T08:40:00Z');
    expect(pairing?.minutes).toBe(90);
    expect(pairing?.label).toBe('Pairing: exactly 90 minutes');
  });

  it('leaves out a zero-minute setup', () => {
    expect(buildAgenda('2027-03-28T08:00:00Z', { setupMinutes: 0 }).map((a) => a.kind)).toEqual([
      'pairing',
      'break',
      'retro',
    ]);
  });

  it('refuses durations that cannot be meant, naming the field', () => {
    try {
      buildAgenda('2027-03-28T08:00:00Z', { pairingMinutes: 3600, breakMinutes: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(Object.keys((error as AppError).fields ?? {}).sort()).toEqual([
        'breakMinutes',
        'pairingMinutes',
      ]);
    }
  });

  it('sums the interview length', () => {
    expect(interviewMinutes()).toBe(105);
  });
});
