import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Response as ApiResponse,
  type Client,
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { cleanTree, plantedSecretTree } from './planted-secrets.ts';
import { craftTarGz, craftZip } from './support/crafted-archives.ts';
import {
  createApiToken,
  createTask,
  importFolder,
  rehearseOnServer,
  taskWithSnapshot,
  withToken,
  writeTree,
} from './task-preparation-flows.ts';

const UPLOAD_LIMIT = 256 * 1024;

describe.each(databases())('task preparation through the API (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database, { taskUploadMaxBytes: UPLOAD_LIMIT });
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const preview = (client: Client, taskId: string, body: unknown) =>
    client.post(`/api/tasks/${taskId}/snapshot-preview`, body);
  const exportSnapshot = (client: Client, taskId: string, body: unknown) =>
    client.post(`/api/tasks/${taskId}/snapshots`, body);

  it('finds every planted secret, blocks the export, and exports once each is excluded or acknowledged', async () => {
    const planted = plantedSecretTree();
    const dir = await writeTree(importFolder(world, 'inventory-kata'), {
      ...planted.files,
      'test/inventory.test.js': cleanTree()['test/inventory.test.js']!,
      'node_modules/left-pad/index.js': 'module.exports = 1;\n',
    });
    const taskId = await createTask(world.navigator, { title: 'Inventory kata' });
    const source = { kind: 'directory', path: dir };

    const { preview: found } = await expectStatus(preview(world.navigator, taskId, { source }), 200);
    for (const secret of planted.secrets) {
      expect(
        found.findings.some(
          (f: { path: string; ruleId: string }) => f.path === secret.path && f.ruleId === secret.ruleId,
        ),
        secret.label,
      ).toBe(true);
    }
    expect(found.blockingCount).toBe(found.findings.length);
    expect(found.dropped).toContainEqual({ path: 'node_modules/', reason: 'dependencies' });
    // Masked: the response never carries a usable secret.
    const shown = JSON.stringify(found);
    expect(shown).not.toMatch(/AKIA[A-Z2-7]{16}/);
    expect(shown).not.toMatch(/ghp_[A-Za-z0-9]{36}/);
    expect(shown).not.toMatch(/BEGIN (RSA )?PRIVATE KEY-----\\n[A-Za-z0-9+/]/);

    const blocked = await exportSnapshot(world.navigator, taskId, { source });
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('unprocessable');
    expect(blocked.body.message).toMatch(/blocked by \d+ possible secrets/);
    expect(blocked.body.details.findings).toHaveLength(found.findings.length);

    const toAcknowledge = found.findings.filter((f: { path: string }) => f.path.startsWith('src/'));
    const choices = (reason: string) => ({
      source,
      excludedPaths: ['certs', '.env', 'scripts/release.sh'],
      acknowledgements: toAcknowledge.map((f: { path: string; line: number; ruleId: string }) => ({
        path: f.path,
        line: f.line,
        ruleId: f.ruleId,
        reason,
      })),
    });
    expect((await exportSnapshot(world.navigator, taskId, choices(''))).status).toBe(400);

    const request = choices('Fake credentials for the exercise, revoked.');
    const checked = await expectStatus(preview(world.navigator, taskId, request), 200);
    expect(checked.preview.blockingCount).toBe(0);
    expect(checked.preview.findings.every((f: { status: string }) => f.status === 'acknowledged')).toBe(true);

    const exported = await expectStatus(exportSnapshot(world.navigator, taskId, request), 201);
    const paths = exported.tree.map((file: { path: string }) => file.path).sort();
    expect(paths).toEqual(['README.md', 'src/aws-client.js', 'src/db.js', 'test/inventory.test.js']);
    expect(exported.snapshot).toMatchObject({
      taskId,
      fileCount: 4,
      excludedPaths: ['certs', '.env', 'scripts/release.sh'],
      createdByName: 'Nora Navigator',
      source: `directory ${dir}`,
    });
    expect(exported.snapshot.acknowledgements).toHaveLength(toAcknowledge.length);
    expect(exported.snapshot.acknowledgements[0]).toMatchObject({
      reason: 'Fake credentials for the exercise, revoked.',
      acknowledgedBy: 'Nora Navigator',
    });
    expect(exported.snapshot.commit).toMatch(/^[0-9a-f]{40}$/);

    const { snapshots } = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/snapshots`), 200);
    expect(snapshots.map((s: { id: string }) => s.id)).toEqual([exported.snapshot.id]);
    const detail = await expectStatus(
      world.navigator.get(`/api/tasks/${taskId}/snapshots/${exported.snapshot.id}`),
      200,
    );
    expect(detail.tree.map((f: { path: string }) => f.path).sort()).toEqual(paths);
    expect(detail.snapshot.totalBytes).toBe(
      detail.tree.reduce((sum: number, f: { size: number }) => sum + f.size, 0),
    );
  });

  it('passes a clean tree without findings', async () => {
    const dir = await writeTree(importFolder(world, 'clean'), cleanTree());
    const taskId = await createTask(world.navigator, { title: 'Clean kata' });
    const { preview: clean } = await expectStatus(
      preview(world.navigator, taskId, { source: { kind: 'directory', path: dir } }),
      200,
    );
    expect(clean.findings).toEqual([]);
    await expectStatus(
      exportSnapshot(world.navigator, taskId, { source: { kind: 'directory', path: dir } }),
      201,
    );
  });

  it('lets interviewers import server folders only inside the import roots; admins anywhere', async () => {
    const taskId = await createTask(world.navigator, { title: 'Outside the roots' });
    const outside = await mkdtemp(path.join(os.tmpdir(), 'pairwise-outside-'));
    try {
      await writeTree(outside, { 'a.txt': 'a\n' });
      const refused = await preview(world.navigator, taskId, {
        source: { kind: 'directory', path: outside },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/only from .*imports/);
      // The data folder itself (the database, candidate repositories) is outside the roots too.
      const dataDir = await preview(world.navigator, taskId, {
        source: { kind: 'directory', path: server.dataDir },
      });
      expect(dataDir.status).toBe(403);
      const viaGit = await preview(world.navigator, taskId, {
        source: { kind: 'git', url: `file://${outside}` },
      });
      expect(viaGit.status).toBe(403);
      await expectStatus(preview(world.admin, taskId, { source: { kind: 'directory', path: outside } }), 200);
      // Not a task manager at all.
      expect(
        (await preview(world.lineManager, taskId, { source: { kind: 'directory', path: outside } })).status,
      ).toBe(403);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('imports an uploaded .tar.gz and refuses each unsafe archive, naming the reason', async () => {
    const taskId = await createTask(world.navigator, { title: 'Uploaded kata' });
    const upload = (body: Buffer, type = 'application/gzip', name = 'kata.tar.gz') =>
      rawPost(
        world.navigator,
        `/api/tasks/${taskId}/archive-uploads?name=${encodeURIComponent(name)}`,
        body,
        type,
      );
    const exportUpload = async (body: Buffer, type?: string) => {
      const { upload: stored } = await expectStatus(upload(body, type), 201);
      return exportSnapshot(world.navigator, taskId, { source: { kind: 'archive', uploadId: stored.id } });
    };

    const good = craftTarGz([
      { path: 'kata/', type: 'Directory' },
      { path: 'kata/README.md', data: '# Kata\n' },
      { path: 'kata/src/index.js', data: 'export const answer = 42;\n' },
    ]);
    const uploaded = await expectStatus(upload(good), 201);
    expect(uploaded.upload).toMatchObject({ name: 'kata.tar.gz', bytes: good.length });
    const exported = await expectStatus(
      exportSnapshot(world.navigator, taskId, { source: { kind: 'archive', uploadId: uploaded.upload.id } }),
      201,
    );
    expect(exported.snapshot.source).toMatch(/^upload "kata\.tar\.gz": tar\.gz archive/);
    expect(exported.tree.map((f: { path: string }) => f.path).sort()).toEqual(['README.md', 'src/index.js']);
    // An upload is used once.
    const again = await exportSnapshot(world.navigator, taskId, {
      source: { kind: 'archive', uploadId: uploaded.upload.id },
    });
    expect(again.status).toBe(404);

    const refusals: Array<[string, Buffer, number, RegExp]> = [
      [
        'traversal',
        craftZip([{ name: '../evil.txt', data: 'x' }]),
        422,
        /climbs out of the folder with "\.\."/,
      ],
      ['absolute path', craftTarGz([{ path: '/etc/evil', data: 'x' }]), 422, /is an absolute path/],
      [
        'symlink',
        craftZip([{ name: 'passwd', data: '/etc/passwd', unixMode: 0o120777 }]),
        422,
        /symbolic link/,
      ],
      [
        'zip bomb',
        craftZip([{ name: 'zeros.bin', data: Buffer.alloc(1024), deflate: true, declaredSize: 2 ** 32 - 1 }]),
        413,
        /zip bomb/,
      ],
    ];
    for (const [label, archive, status, message] of refusals) {
      const refused = await exportUpload(archive, 'application/zip');
      expect(refused.status, label).toBe(status);
      expect(refused.body.message, label).toMatch(message);
    }

    const notAnArchive = await upload(Buffer.from('just text'), 'application/octet-stream', 'notes.txt');
    expect(notAnArchive.status).toBe(422);
    expect(notAnArchive.body.message).toMatch(/not a \.zip, \.tar\.gz or \.tar archive/);
    const tooLarge = await upload(randomBytes(UPLOAD_LIMIT + 1), 'application/zip');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toMatch(/larger than 256 KiB, the upload limit/);
    const asJson = await world.navigator.post(`/api/tasks/${taskId}/archive-uploads`, { file: 'x' });
    expect(asJson.status).toBe(400);
    expect(asJson.body.message).toMatch(/application\/zip/);
  });

  it('turns readiness green from the evidence, keeps the planned snapshot, and links to it', async () => {
    const { taskId, snapshotId } = await taskWithSnapshot(world, {
      title: 'Readiness kata',
      levers: [{ id: 'hint-tests', direction: 'easier', description: 'Give the first test.' }],
    });
    const interviewId = await world.planInterview({ taskId });
    const checklist = async () => {
      const { interview } = await expectStatus(world.navigator.get(`/api/interviews/${interviewId}`), 200);
      return {
        interview,
        items: Object.fromEntries(
          interview.checklist.items.map((item: { id: string }) => [item.id, item]),
        ) as Record<
          string,
          { done: boolean; manual: boolean; evidence: { label: string; href: string } | null }
        >,
      };
    };

    let state = await checklist();
    expect(state.interview.snapshot).toMatchObject({ id: snapshotId, pinned: true, latestId: snapshotId });
    expect(state.items.repository_exported).toMatchObject({ done: true, manual: false });
    expect(state.items.repository_exported!.evidence!.href).toBe(`/tasks/${taskId}#snapshot-${snapshotId}`);
    expect(state.items.setup_rehearsed).toMatchObject({ done: false, manual: false });
    expect(state.items.setup_rehearsed!.evidence!.href).toBe(`/tasks/${taskId}#rehearse`);
    const ticked = await world.navigator.put(`/api/interviews/${interviewId}/checklist/setup_rehearsed`, {
      done: true,
    });
    expect(ticked.status).toBe(422);

    const { rehearsal } = await rehearseOnServer(world, taskId);
    expect(rehearsal).toMatchObject({ passed: true, withinBudget: true, origin: 'server' });
    state = await checklist();
    expect(state.items.setup_rehearsed).toMatchObject({ done: true });
    expect(state.items.setup_rehearsed!.evidence).toMatchObject({
      href: `/tasks/${taskId}#rehearsal-${rehearsal.id}`,
      label: expect.stringMatching(/^Passed in [\d.]+ s of 5:00 min on Pairwise server/),
    });
    expect(state.items.rehearsed_second_machine!.done).toBe(false);

    // A colleague's machine reports through the CLI's route with a personal token.
    const token = await createApiToken(world.shadow);
    await expectStatus(
      withToken(world.anonymous, token, 'POST', `/api/cli/tasks/${taskId}/rehearsals`, {
        snapshotId,
        machineLabel: 'sams-laptop',
        steps: rehearsal.steps,
        totalMs: 2_000,
        passed: true,
        failedStep: null,
        at: new Date().toISOString(),
      }),
      201,
    );
    state = await checklist();
    expect(state.items.rehearsed_second_machine).toMatchObject({ done: true });
    expect(state.items.rehearsed_second_machine!.evidence!.label).toMatch(/sams-laptop/);

    // Calendar cleared follows its evidence (blocks in connected calendars, or mailed).
    for (const item of ['guide_read', 'credentials_ready']) {
      await expectStatus(
        world.navigator.put(`/api/interviews/${interviewId}/checklist/${item}`, { done: true }),
        200,
      );
    }
    await expectStatus(
      world.navigator.put(`/api/interviews/${interviewId}/difficulty-plan`, { leverIds: ['hint-tests'] }),
      200,
    );
    state = await checklist();
    expect(state.interview.checklist.ready).toBe(true);

    // Re-importing makes a new snapshot; the interview keeps its own until the navigator moves it.
    const newer = await expectStatus(
      exportSnapshot(world.navigator, taskId, {
        source: { kind: 'directory', path: importFolder(world, taskId) },
      }),
      201,
    );
    state = await checklist();
    expect(state.interview.snapshot).toMatchObject({ id: snapshotId, latestId: newer.snapshot.id });
    expect(state.items.setup_rehearsed!.done).toBe(true);
    const moved = await expectStatus(
      world.navigator.put(`/api/interviews/${interviewId}/snapshot`, { snapshotId: newer.snapshot.id }),
      200,
    );
    expect(moved.interview.snapshot.id).toBe(newer.snapshot.id);
    const items = Object.fromEntries(
      moved.interview.checklist.items.map((item: { id: string; done: boolean }) => [item.id, item.done]),
    );
    expect(items).toMatchObject({ repository_exported: true, setup_rehearsed: false });
    const otherTask = await taskWithSnapshot(world, { title: 'Another kata' });
    const wrong = await world.navigator.put(`/api/interviews/${interviewId}/snapshot`, {
      snapshotId: otherTask.snapshotId,
    });
    expect(wrong.status).toBe(422);
  });

  it('adds the bundled demo task with its snapshot once', async () => {
    const first = await expectStatus(world.navigator.post('/api/tasks/demo', {}), 201);
    expect(first.task.title).toBe('Inventory report: singular or plural?');
    expect(first.task.testCommand).toBe('node --test');
    expect(first.task.navigatorGuide).toMatch(/^# Navigator guide/);
    expect(first.snapshot.fileCount).toBeGreaterThanOrEqual(6);
    expect(first.snapshot.source).toMatch(/^the bundled demo task: directory .*starting-point$/);
    const second = await expectStatus(world.admin.post('/api/tasks/demo', {}), 200);
    expect(second).toMatchObject({
      created: false,
      task: { id: first.task.id },
      snapshot: { id: first.snapshot.id },
    });
    const { rehearsal } = await rehearseOnServer(world, first.task.id);
    expect(rehearsal.steps.map((step: { command: string }) => step.command)).toEqual([
      expect.stringMatching(/^git clone .*\.git @ [0-9a-f]{40}$/),
      'node --version',
      'node --test',
    ]);
    expect(rehearsal.passed).toBe(true);
    expect(rehearsal.steps[2]!.outputTail).toMatch(/# pass 4\n[\s\S]*# todo 6/);
  });
});

async function rawPost(client: Client, url: string, body: Buffer, contentType: string): Promise<ApiResponse> {
  const response = await fetch(client.baseUrl + url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(client.cookie ? { cookie: client.cookie } : {}) },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: await response.json() };
}
