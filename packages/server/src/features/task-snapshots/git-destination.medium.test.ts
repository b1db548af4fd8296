import { readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTaskSource,
  type GitTestServer,
  startGitServer,
  tempDirectory,
} from '../../../test/support/git-test-harness.ts';
import { isPublicAddress, pinGitDestination } from './git-destination.ts';
import { materializeSource } from './snapshot-source.ts';

describe('isPublicAddress', () => {
  it('refuses loopback, link-local, private, mapped and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['140.82.121.3', '8.8.8.8', '2606:4700::1111', '::ffff:140.82.121.3']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('git URL import destinations', () => {
  let server: GitTestServer;
  let work: string;
  let url: (host: string) => string;

  beforeAll(async () => {
    work = await tempDirectory('git-destination');
    const source = await createTaskSource(path.join(work, 'source'), { 'README.md': '# Bowling kata\n' });
    server = await startGitServer({
      authorize: ({ username, password }) =>
        username === 'reader' && password === 'secret'
          ? { ok: true, remoteUser: 'reader' }
          : { ok: false, status: 401, reason: 'Wrong.' },
    });
    await server.store.create({ slug: 'bowling-kata', source: source.path, commit: source.commit });
    const port = new URL(server.baseUrl).port;
    url = (host) => `http://reader:secret@${host}:${port}/git/bowling-kata.git`;
  });
  afterAll(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  const importFrom = async (
    gitUrl: string,
    allowed: string[],
    lookup?: (host: string) => Promise<string[]>,
  ) => {
    const materialized = await materializeSource(
      { kind: 'git', url: gitUrl },
      { tempDir: work, gitTimeoutMs: 20_000, gitNetwork: { allowed, ...(lookup ? { lookup } : {}) } },
    );
    try {
      return await readFile(path.join(materialized.root, 'README.md'), 'utf8');
    } finally {
      await materialized.cleanup();
    }
  };

  it('refuses loopback and private destinations however they are written, unless an admin allows them', async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '2130706433', '169.254.169.254', '10.0.0.1']) {
      await expect(importFrom(url(host), []), host).rejects.toMatchObject({
        code: 'invalid_request',
        message: expect.stringMatching(/loopback, link-local or private address.*TASK_IMPORT_GIT_ALLOW/),
      });
    }
    expect(await importFrom(url('127.0.0.1'), ['127.0.0.1'])).toBe('# Bowling kata\n');
    expect(await importFrom(url('localhost'), ['127.0.0.0/8', '::1'])).toBe('# Bowling kata\n');
  });

  it('connects to the address it checked, not to a second answer of the name server', async () => {
    // Stands in for a DNS server that answers a loopback address first and another one later:
    // none can run here. The name resolves nowhere else, so the clone proves git used our answer.
    const answers = ['127.0.0.1', '140.82.121.3'];
    let queries = 0;
    const lookup = async (host: string) => {
      expect(host).toBe('tasks.rebind.test');
      return [answers[Math.min(queries++, answers.length - 1)]!];
    };
    expect(await importFrom(url('tasks.rebind.test'), ['127.0.0.1'], lookup)).toBe('# Bowling kata\n');
    expect(queries).toBe(1);
    const pinned = await pinGitDestination('https://tasks.example.test/a.git', {
      allowed: [],
      lookup: async () => ['140.82.121.3'],
    });
    expect(pinned.config).toEqual([
      'http.followRedirects=false',
      'http.curloptResolve=tasks.example.test:443:140.82.121.3',
    ]);
  });

  it('answers the same text whether the port is closed, open without git, or the host unknown', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // Accepts and hangs up at once, as a service that speaks no HTTP would.
    const silent = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const openPort = (silent.address() as net.AddressInfo).port;
    const messages: string[] = [];
    // Each message names its own URL; the rest must be identical.
    const withoutUrl = (message: string) =>
      message.replace(/^Could not get .*?\. Check/, 'Could not get URL. Check');
    const attempts = [
      `http://127.0.0.1:${closedPort}/repo.git`,
      `http://127.0.0.1:${openPort}/repo.git`,
      `${server.baseUrl}/git/no-such-repository.git`,
      `${server.baseUrl.replace('127.0.0.1', 'reader:wrong@127.0.0.1')}/git/bowling-kata.git`,
    ];
    try {
      for (const attempt of attempts) {
        const error = await importFrom(attempt, ['127.0.0.1']).catch((caught: Error) => caught);
        messages.push(withoutUrl((error as Error).message));
      }
      const unknownHost = await importFrom('https://no-such-host.invalid/repo.git', [], async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      }).catch((caught: Error) => caught);
      messages.push(withoutUrl((unknownHost as Error).message));
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toMatch(/^Could not get URL\. Check the URL/);
    expect(messages[0]).not.toMatch(/refused|reset|404|not found|credentials/i);
  });
});
