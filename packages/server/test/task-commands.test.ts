import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';

/** A task's commands run wherever it is rehearsed, so only its owner and admins change them. */
describe.each(databases())("who changes a task's commands (%s)", (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  const fields = {
    title: 'Owned kata',
    summary: '',
    navigatorGuide: '',
    setupCommands: ['npm ci'],
    testCommand: 'npm test',
  };

  async function ownedTask(): Promise<string> {
    const { task } = await expectStatus(world.navigator.post('/api/tasks', fields), 201);
    expect(task).toMatchObject({
      ownerId: world.ids.navigator,
      ownerName: 'Nora Navigator',
      commandsChangedAt: null,
      mayChangeCommands: true,
    });
    return task.id as string;
  }

  it('lets the owner and admins change the commands, refuses everyone else per role', async () => {
    const taskId = await ownedTask();
    const changed = (command: string) => ({ ...fields, setupCommands: [command] });

    // Another interviewer sees the task, may not change its commands, and is told whose they are.
    const asColleague = await expectStatus(world.shadow.get(`/api/tasks/${taskId}`), 200);
    expect(asColleague.task.mayChangeCommands).toBe(false);
    const colleague = await world.shadow.put(`/api/tasks/${taskId}`, changed('cat /proc/1/environ'));
    expect(colleague.status).toBe(403);
    expect(colleague.body).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/Nora Navigator/),
    });
    const colleagueTest = await world.outsider.put(`/api/tasks/${taskId}`, { ...fields, testCommand: 'id' });
    expect(colleagueTest.status).toBe(403);
    // The rest of the task stays editable by any interviewer; unchanged commands pass.
    await expectStatus(
      world.shadow.put(`/api/tasks/${taskId}`, { ...fields, summary: 'Sharper wording' }),
      200,
    );
    // Line managers and anonymous callers do not edit tasks at all.
    expect((await world.lineManager.put(`/api/tasks/${taskId}`, changed('id'))).status).toBe(403);
    expect((await world.anonymous.put(`/api/tasks/${taskId}`, changed('id'))).status).toBe(401);

    const byOwner = await expectStatus(
      world.navigator.put(`/api/tasks/${taskId}`, changed('npm ci --ignore-scripts')),
      200,
    );
    expect(byOwner.task).toMatchObject({
      setupCommands: ['npm ci --ignore-scripts'],
      commandsChangedByName: 'Nora Navigator',
    });
    const byAdmin = await expectStatus(world.admin.put(`/api/tasks/${taskId}`, changed('npm install')), 200);
    expect(byAdmin.task).toMatchObject({
      setupCommands: ['npm install'],
      commandsChangedByName: 'Ada Admin',
    });
    expect(Date.parse(byAdmin.task.commandsChangedAt)).toBeGreaterThanOrEqual(
      Date.parse(byOwner.task.commandsChangedAt),
    );

    const { task } = await expectStatus(world.navigator.get(`/api/tasks/${taskId}`), 200);
    expect(task.setupCommands).toEqual(['npm install']);
  });

  it('records every change of the commands in the audit log, before and after', async () => {
    const taskId = await ownedTask();
    await expectStatus(
      world.navigator.put(`/api/tasks/${taskId}`, { ...fields, testCommand: 'npm run test:ci' }),
      200,
    );
    await expectStatus(
      world.shadow.put(`/api/tasks/${taskId}`, { ...fields, testCommand: 'npm run test:ci', summary: 'x' }),
      200,
    );
    const { entries } = await expectStatus(world.admin.get('/api/audit?limit=200'), 200);
    const forTask = entries.filter((entry: { subjectId: string }) => entry.subjectId === taskId);
    expect(forTask.map((entry: { action: string }) => entry.action).sort()).toEqual([
      'task.commands_changed',
      'task.created',
    ]);
    expect(
      forTask.find((entry: { action: string }) => entry.action === 'task.commands_changed'),
    ).toMatchObject({
      actorId: world.ids.navigator,
      detail: {
        before: { setupCommands: ['npm ci'], testCommand: 'npm test' },
        after: { setupCommands: ['npm ci'], testCommand: 'npm run test:ci' },
      },
    });
  });

  it('leaves the commands of a task without an owner to admins until an admin names one, audited', async () => {
    const taskId = await ownedTask();
    // A task created before tasks had owners, as migration 012 left it.
    const database = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      await database.db.updateTable('tasks').set({ owner_id: null }).where('id', '=', taskId).execute();
    } finally {
      await database.close();
    }
    const changed = (command: string) => ({ ...fields, setupCommands: [command] });

    const asCreator = await expectStatus(world.navigator.get(`/api/tasks/${taskId}`), 200);
    expect(asCreator.task).toMatchObject({ ownerId: null, ownerName: null, mayChangeCommands: false });
    const refused = await world.navigator.put(`/api/tasks/${taskId}`, changed('id'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/Only admins/);
    const asAdmin = await expectStatus(world.admin.get(`/api/tasks/${taskId}`), 200);
    expect(asAdmin.task.mayChangeCommands).toBe(true);

    // Only admins name the owner, and only someone who may prepare tasks.
    const owner = (client: typeof world.admin, ownerId: unknown) =>
      client.put(`/api/tasks/${taskId}/owner`, { ownerId });
    expect((await owner(world.navigator, world.ids.navigator)).status).toBe(403);
    expect((await owner(world.lineManager, world.ids.lineManager)).status).toBe(403);
    expect((await owner(world.anonymous, world.ids.navigator)).status).toBe(401);
    const lineManager = await owner(world.admin, world.ids.lineManager);
    expect(lineManager.status).toBe(422);
    expect(lineManager.body.fields).toEqual({ ownerId: 'Not an active interviewer or admin.' });
    expect((await owner(world.admin, randomUUID())).status).toBe(422);
    const malformed = await owner(world.admin, 'nobody');
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.fields)).toEqual(['ownerId']);

    const assigned = await expectStatus(owner(world.admin, world.ids.shadow), 200);
    expect(assigned.task).toMatchObject({ ownerId: world.ids.shadow, ownerName: 'Sam Shadow' });
    // The new owner changes the commands; the creator still does not.
    await expectStatus(world.shadow.put(`/api/tasks/${taskId}`, changed('npm ci')), 200);
    const stillRefused = await world.navigator.put(`/api/tasks/${taskId}`, changed('id'));
    expect(stillRefused.status).toBe(403);
    expect(stillRefused.body.message).toMatch(/Sam Shadow/);

    const { entries } = await expectStatus(world.admin.get('/api/audit?limit=200'), 200);
    const assignment = entries.find(
      (entry: { action: string; subjectId: string }) =>
        entry.action === 'task.owner_assigned' && entry.subjectId === taskId,
    );
    const { user: admin } = await expectStatus(world.admin.get('/api/session'), 200);
    expect(assignment).toMatchObject({
      actorId: admin.id,
      detail: {
        before: { ownerId: null, ownerName: null },
        after: { ownerId: world.ids.shadow, ownerName: 'Sam Shadow' },
      },
    });
  });
});
