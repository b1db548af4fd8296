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

  it('switches to PostgreSQL for a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).databaseUrl).toBe(
      'postgres://u@127.0.0.1:5432/db',
    );
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

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });
});
