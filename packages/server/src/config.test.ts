import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts with embedded defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toMatch(/data$/);
  });

  it('names the variable and what it expects when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT="eighty": expected/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL=.*postgres/);
  });

  it('sends webhooks to public addresses only, unless listed, and waits 10 s for an answer by default', () => {
    expect(loadConfig({})).toMatchObject({ webhookAllowHosts: [], webhookTimeoutSeconds: 10 });
    expect(
      loadConfig({
        WEBHOOK_ALLOW_HOSTS: 'hooks.internal.example, 10.1.2.0/24',
        WEBHOOK_TIMEOUT_SECONDS: '5',
      }),
    ).toMatchObject({
      webhookAllowHosts: ['hooks.internal.example', '10.1.2.0/24'],
      webhookTimeoutSeconds: 5,
    });
    expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: '10.1.2.0/99' })).toThrowError(/WEBHOOK_ALLOW_HOSTS=/);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_SECONDS: '0' })).toThrowError(/WEBHOOK_TIMEOUT_SECONDS=/);
  });

  it('rehearses in a sandbox where possible by default, with limits and no network unless hosts are listed', () => {
    expect(loadConfig({ SERVER_REHEARSALS: 'sandbox' })).toMatchObject({ serverRehearsals: 'sandbox' });
    expect(loadConfig({ SERVER_REHEARSALS: 'worker' })).toMatchObject({ serverRehearsals: 'worker' });
    expect(loadConfig({})).toMatchObject({
      serverRehearsals: 'sandbox-if-possible',
      rehearsalLimits: { memoryMib: 2048, processes: 256, diskMib: 2048 },
      rehearsalEgressHosts: [],
    });
    expect(
      loadConfig({ SERVER_REHEARSALS: 'off', REHEARSAL_EGRESS_HOSTS: 'registry.npmjs.org' }),
    ).toMatchObject({
      serverRehearsals: 'off',
      rehearsalEgressHosts: [{ host: 'registry.npmjs.org', port: 443 }],
    });
    expect(() => loadConfig({ SERVER_REHEARSALS: 'unsandboxed' })).toThrowError(
      /SERVER_REHEARSALS=.*sandbox.*off/,
    );
    expect(() => loadConfig({ REHEARSAL_EGRESS_HOSTS: '127.0.0.1/8' })).toThrowError(
      /REHEARSAL_EGRESS_HOSTS=/,
    );
    expect(() => loadConfig({ REHEARSAL_PROCESSES: '2' })).toThrowError(/REHEARSAL_PROCESSES=/);
  });

  it('switches to PostgreSQL for a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).databaseUrl).toBe(
      'postgres://u@127.0.0.1:5432/db',
    );
  });

  it('reuses a resolved session for 5 s on SQLite and reads every one on PostgreSQL, unless told otherwise', () => {
    const postgres = 'postgres://u@127.0.0.1:5432/db';
    expect(loadConfig({}).sessionCacheSeconds).toBe(5);
    expect(loadConfig({ DATABASE_URL: postgres }).sessionCacheSeconds).toBe(0);
    expect(loadConfig({ SESSION_CACHE_SECONDS: '0' }).sessionCacheSeconds).toBe(0);
    expect(loadConfig({ DATABASE_URL: postgres, SESSION_CACHE_SECONDS: '2' }).sessionCacheSeconds).toBe(2);
    expect(() => loadConfig({ SESSION_CACHE_SECONDS: '61' })).toThrow(/SESSION_CACHE_SECONDS/);
  });

  it('keeps mail in the outbox unless SMTP_URL is set, and links work 30 days after the decision', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ smtpUrl: null, mailFrom: null, portalDaysAfterDecision: 30 });
    const configured = loadConfig({
      SMTP_URL: 'smtps://u:p@mail.acme.example:465',
      MAIL_FROM: 'Pairwise <hr@acme.example>',
      PORTAL_DAYS_AFTER_DECISION: '14',
    });
    expect(configured).toMatchObject({
      smtpUrl: 'smtps://u:p@mail.acme.example:465',
      mailFrom: 'Pairwise <hr@acme.example>',
      portalDaysAfterDecision: 14,
    });
    expect(() => loadConfig({ SMTP_URL: 'mail.acme.example' })).toThrowError(/SMTP_URL=.*smtp:\/\//);
    expect(() => loadConfig({ PORTAL_DAYS_AFTER_DECISION: '-1' })).toThrowError(/PORTAL_DAYS_AFTER_DECISION/);
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    for (const wrong of [
      'true',
      'nginx',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.1/8/1',
      '127.0.0.1,',
      '0.0.0.0/0',
      '::/0',
    ]) {
      expect(() => loadConfig({ TRUST_PROXY: wrong })).toThrowError(
        `TRUST_PROXY=${JSON.stringify(wrong)}: expected proxy addresses or CIDR ranges`,
      );
    }
  });

  it('skips only weekends unless HOLIDAY_REGION names a region date-holidays knows', () => {
    expect(loadConfig({}).holidayRegion).toBeNull();
    expect(loadConfig({ HOLIDAY_REGION: 'DE' }).holidayRegion).toEqual({ country: 'DE' });
    expect(loadConfig({ HOLIDAY_REGION: 'de-be' }).holidayRegion).toEqual({ country: 'DE', state: 'BE' });
    expect(loadConfig({ HOLIDAY_REGION: 'US-CA' }).holidayRegion).toEqual({ country: 'US', state: 'CA' });
    expect(loadConfig({ HOLIDAY_REGION: 'GB-ENG' }).holidayRegion).toEqual({ country: 'GB', state: 'ENG' });
    expect(loadConfig({ HOLIDAY_REGION: 'DE-BY-A' }).holidayRegion).toEqual({
      country: 'DE',
      state: 'BY',
      region: 'A',
    });
    for (const unknown of ['XX', 'DE-XX', 'GB-ENG-XX', 'Germany', 'DE_BE', 'DE-BE-A-B']) {
      expect(() => loadConfig({ HOLIDAY_REGION: unknown })).toThrowError(ConfigError);
      expect(() => loadConfig({ HOLIDAY_REGION: unknown })).toThrowError(
        `HOLIDAY_REGION=${JSON.stringify(unknown)}: expected a country or country-state code`,
      );
    }
    expect(loadConfig({ HOLIDAY_REGION: '' }).holidayRegion).toBeNull();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });
});
