import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Rehearsal, type RehearsalStreamMessage, rehearsalStreamMessage } from '@pairwise/domain';
import { expect } from 'vitest';
import { type Client, expectStatus, type World } from './harness.ts';

/** Steps the task-preparation tests share: folders to import, tasks with a snapshot, rehearsals to await. */

export async function writeTree(root: string, files: Record<string, string>): Promise<string> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  return root;
}

/** A folder under DATA_DIR/imports, where interviewers may import from by default. */
export const importFolder = (world: World, name: string) => path.join(world.server.dataDir, 'imports', name);

/** A passing node:test project: one test file, no packages. */
export const tinyProject = {
  'package.json': '{ "type": "module" }\n',
  'test/sum.test.js':
    "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\ntest('sums', () => assert.equal(1 + 1, 2));\n",
};

export async function createTask(
  client: Client,
  task: {
    title: string;
    setupCommands?: string[];
    testCommand?: string;
    setupBudgetSec?: number;
    levers?: Array<{ id: string; direction: 'easier' | 'harder'; description: string }>;
  },
): Promise<string> {
  const { task: created } = await expectStatus(
    client.post('/api/tasks', {
      summary: '',
      navigatorGuide: '',
      setupCommands: ['node --version'],
      testCommand: 'node --test',
      ...task,
    }),
    201,
  );
  return created.id as string;
}

/** A task whose starting point is `tinyProject`, exported; returns its id and the snapshot's. */
export async function taskWithSnapshot(
  world: World,
  task: Parameters<typeof createTask>[1],
): Promise<{ taskId: string; snapshotId: string }> {
  const taskId = await createTask(world.navigator, task);
  const dir = await writeTree(importFolder(world, taskId), tinyProject);
  const { snapshot } = await expectStatus(
    world.navigator.post(`/api/tasks/${taskId}/snapshots`, { source: { kind: 'directory', path: dir } }),
    201,
  );
  return { taskId, snapshotId: snapshot.id as string };
}

/** Reads a rehearsal's server-sent events until it finishes. */
export async function followRehearsal(
  client: Client,
  taskId: string,
  rehearsalId: string,
  onMessage?: (message: RehearsalStreamMessage) => void,
): Promise<{ messages: RehearsalStreamMessage[]; rehearsal: Rehearsal }> {
  const response = await fetch(`${client.baseUrl}/api/tasks/${taskId}/rehearsals/${rehearsalId}/events`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  if (response.status !== 200) throw new Error(`events: ${response.status} ${await response.text()}`);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const messages: RehearsalStreamMessage[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) {
        messages.push(rehearsalStreamMessage.parse(JSON.parse(data)));
        onMessage?.(messages.at(-1)!);
      }
      end = buffer.indexOf('\n\n');
    }
  }
  const last = messages.at(-1);
  if (last?.kind !== 'finished')
    throw new Error(`The stream ended without "finished": ${JSON.stringify(last)}`);
  return { messages, rehearsal: last.rehearsal };
}

export async function rehearseOnServer(world: World, taskId: string, client = world.navigator) {
  const { rehearsal } = await expectStatus(client.post(`/api/tasks/${taskId}/rehearsals`, {}), 202);
  return followRehearsal(client, taskId, rehearsal.id as string);
}

export async function createApiToken(client: Client, label = 'laptop'): Promise<string> {
  const { token } = await expectStatus(client.post('/api/api-tokens', { label }), 201);
  return token as string;
}

/** A request with `Authorization: Bearer`, as the CLI sends it. */
export function withToken(client: Client, token: string, method: string, url: string, body?: unknown) {
  return client.request(method, url, body, { authorization: `Bearer ${token}` });
}
