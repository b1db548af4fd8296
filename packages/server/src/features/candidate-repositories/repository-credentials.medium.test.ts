import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRepositorySlug } from '../../platform/git/index.ts';
import {
  credentialsMatch,
  hashPassword,
  newRepositorySlug,
  newRepositoryUsername,
  RepositoryCredentials,
} from './repository-credentials.ts';

describe('candidate repository credentials', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pairwise-credentials-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('derives a 192-bit password per interview and generation from a key kept private in the data folder', async () => {
    const credentials = await RepositoryCredentials.load(dataDir);
    const password = credentials.password('interview-a', 1);
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(credentials.password('interview-a', 1)).toBe(password);
    expect(credentials.password('interview-a', 2)).not.toBe(password);
    expect(credentials.password('interview-b', 1)).not.toBe(password);
    const keyFile = path.join(dataDir, 'secrets', 'repository-credentials.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    // A second load (a restart, another node) reads the same key.
    expect((await RepositoryCredentials.load(dataDir)).password('interview-a', 1)).toBe(password);
    expect(await readFile(keyFile, 'utf8')).not.toContain(password);
  });

  it('matches only the right username and password, also for an unknown repository', () => {
    const stored = { username: 'candidate-abc', passwordHash: hashPassword('s3cret-s3cret-s3cret') };
    expect(credentialsMatch(stored, { username: 'candidate-abc', password: 's3cret-s3cret-s3cret' })).toBe(
      true,
    );
    expect(credentialsMatch(stored, { username: 'candidate-abc', password: 's3cret' })).toBe(false);
    expect(credentialsMatch(stored, { username: 'candidate-xyz', password: 's3cret-s3cret-s3cret' })).toBe(
      false,
    );
    expect(credentialsMatch(undefined, { username: '', password: '' })).toBe(false);
  });

  it('names repositories after the task, with a random part, in the slug alphabet', () => {
    const slug = newRepositorySlug('Bowling Kata: Ünïcode & spaces!');
    expect(slug).toMatch(/^bowling-kata-unicode-spaces-[a-z2-7]{8}$/);
    expect(isRepositorySlug(slug)).toBe(true);
    expect(isRepositorySlug(newRepositorySlug('日本語'))).toBe(true);
    expect(isRepositorySlug(newRepositorySlug('x'.repeat(200)))).toBe(true);
    expect(newRepositoryUsername()).toMatch(/^candidate-[a-z2-7]{8}$/);
  });
});
