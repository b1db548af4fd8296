import http from 'node:http';
import type { CandidateRepositoryStatus, PortalCloneBlock } from '@pairwise/domain';
import WebSocket from 'ws';
import { z } from 'zod';
import { type Client, expectStatus } from './harness.ts';
import { type ProcessRun, runInTestFolder } from './support/test-process.ts';

/** Steps the candidate-repository tests, the browser test and the benchmark share. */

export async function repositoryStatus(
  client: Client,
  interviewId: string,
): Promise<CandidateRepositoryStatus> {
  return (await expectStatus(client.get(`/api/interviews/${interviewId}/repository`), 200)).repository;
}

/** "Invite to repository now": returns the clone block the navigator is shown. */
export async function inviteToRepository(navigator: Client, interviewId: string): Promise<PortalCloneBlock> {
  const { repository } = await expectStatus(
    // Tests run days before the planned start, so opening is "early" on purpose.
    navigator.put(`/api/interviews/${interviewId}/repository/window`, { open: true, startEarly: true }),
    200,
  );
  if (!repository.cloneBlock) throw new Error(`No clone block after opening: ${JSON.stringify(repository)}`);
  return repository.cloneBlock as PortalCloneBlock;
}

export type ShellRun = ProcessRun;

/**
 * Runs the commands of a clone block in `sh`, as a candidate pastes them into a terminal, with a
 * home folder of its own (whose git config the caller may fill) and no prompt to hang on. The
 * cwd must be inside a folder this test created (see test-process.ts), never the project.
 */
export function runInShell(
  script: string,
  options: { cwd: string; home: string; env?: Record<string, string> },
): Promise<ShellRun> {
  return runInTestFolder('sh', ['-e', '-c', script], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH,
      HOME: options.home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'Casey Candidate',
      GIT_AUTHOR_EMAIL: 'casey@example.com',
      GIT_COMMITTER_NAME: 'Casey Candidate',
      GIT_COMMITTER_EMAIL: 'casey@example.com',
      LC_ALL: 'C',
      ...options.env,
    },
  });
}

/**
 * A request with the path exactly as given: fetch() and `new URL()` resolve `..` and decode
 * before sending, which would hide what an attacker's raw request looks like.
 */
export function rawRequest(
  baseUrl: string,
  rawPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname === 'localhost' ? '127.0.0.1' : hostname, port, path: rawPath, method, headers },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

export const basicAuth = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** What a test reads of a live message; the rest of each message is kept as sent. */
export const liveMessage = z.looseObject({
  kind: z.string(),
  seq: z.number().optional(),
  type: z.string().optional(),
  at: z.string().optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  authorId: z.string().optional(),
});
export type LiveMessage = z.infer<typeof liveMessage>;

/** A live connection that collects messages, like an open interview page. */
export async function listenLive(baseUrl: string, client: Client, interviewId: string, since = 0) {
  const messages: Array<LiveMessage & { receivedAt: number }> = [];
  const waiters: Array<() => void> = [];
  const url = `${baseUrl.replace('http', 'ws')}/api/interviews/${interviewId}/live?since=${since}`;
  const socket = new WebSocket(url, { headers: { cookie: client.cookie ?? '' } });
  socket.on('message', (data) => {
    messages.push({ ...liveMessage.parse(JSON.parse(String(data))), receivedAt: performance.now() });
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const waitFor = (predicate: (m: LiveMessage) => boolean, timeoutMs = 3000) =>
    new Promise<LiveMessage & { receivedAt: number }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching live message; got ${JSON.stringify(messages)}`)),
        timeoutMs,
      );
      const check = () => {
        const found = messages.find(predicate);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return { messages, waitFor, close: () => socket.close() };
}
