import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from './errors.ts';

describe('a write the database could not take', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-errors-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('answers 503 "busy" with nothing saved when SQLite stays locked past its wait, never a 500', async () => {
    const file = path.join(dataDir, 'busy.sqlite');
    const holder = new SqliteDatabase(file);
    holder.exec('CREATE TABLE probe (n INTEGER)');
    const writer = new SqliteDatabase(file);
    // The server waits five seconds for a lock; this one gives up at once, with the same error.
    writer.pragma('busy_timeout = 0');
    holder.exec('BEGIN IMMEDIATE');
    let refused: unknown;
    try {
      writer.exec('INSERT INTO probe VALUES (1)');
    } catch (error) {
      refused = error;
    }
    holder.exec('ROLLBACK');
    holder.close();
    writer.close();
    expect(refused).toMatchObject({ code: 'SQLITE_BUSY' });

    const app = Fastify();
    registerErrorHandling(app);
    app.get('/api/probe', async () => {
      throw refused;
    });
    const response = await app.inject({ method: 'GET', url: '/api/probe' });
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({ code: 'busy', message: expect.stringContaining('nothing was saved') });
  });
});
