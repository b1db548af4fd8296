import { randomUUID } from 'node:crypto';
import {
  forbidden,
  idParams,
  type Lever,
  notFound,
  type Task,
  task,
  taskInput,
  taskList,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { mayManageCandidates } from '../candidates/candidates.ts';

type TaskRow = Database['tasks'];
type TaskValues = z.output<typeof taskInput>;

export const toTask = (row: TaskRow): Task => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  navigatorGuide: row.navigator_guide,
  setupCommands: JSON.parse(row.setup_commands) as string[],
  testCommand: row.test_command,
  setupBudgetSec: row.setup_budget_sec,
  pairingMinutes: row.pairing_minutes,
  tddRhythm: row.tdd_rhythm === 1,
  levers: JSON.parse(row.levers) as Lever[],
  updatedAt: row.updated_at,
});

// Tasks are prepared by the same people who plan interviews.
const mayManageTasks = mayManageCandidates;

export class TasksService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor): Promise<Task[]> {
    if (!mayManageTasks(actor)) throw forbidden();
    return (await this.db.selectFrom('tasks').selectAll().orderBy('title').execute()).map(toTask);
  }

  async get(actor: Actor, id: string): Promise<Task> {
    if (!mayManageTasks(actor)) throw forbidden();
    const row = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Task');
    return toTask(row);
  }

  async create(actor: Actor, input: TaskValues): Promise<Task> {
    if (!mayManageTasks(actor)) throw forbidden('Only interviewers and admins can prepare tasks.');
    const now = DateTime.utc().toISO();
    const row: TaskRow = { id: randomUUID(), ...columns(input), created_at: now, updated_at: now };
    await this.db.insertInto('tasks').values(row).execute();
    return toTask(row);
  }

  async update(actor: Actor, id: string, input: TaskValues): Promise<Task> {
    await this.get(actor, id);
    await this.db
      .updateTable('tasks')
      .set({ ...columns(input), updated_at: DateTime.utc().toISO() })
      .where('id', '=', id)
      .execute();
    return this.get(actor, id);
  }
}

function columns(input: TaskValues) {
  return {
    title: input.title,
    summary: input.summary,
    navigator_guide: input.navigatorGuide,
    setup_commands: JSON.stringify(input.setupCommands),
    test_command: input.testCommand,
    setup_budget_sec: input.setupBudgetSec,
    pairing_minutes: input.pairingMinutes,
    tdd_rhythm: input.tddRhythm ? 1 : 0,
    levers: JSON.stringify(input.levers),
  };
}

export function tasksRoutes(tasks: TasksService) {
  const taskResponse = z.object({ task });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/tasks',
      summary: 'The task library',
      access: 'signed_in',
      response: taskList,
      handler: async ({ actor }) => ({ tasks: await tasks.list(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tasks',
      summary: 'Create a task',
      access: 'signed_in',
      status: 201,
      body: taskInput,
      response: taskResponse,
      handler: async ({ actor, body }) => ({ task: await tasks.create(actor, body) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tasks/:id',
      summary: 'One task',
      access: 'signed_in',
      params: idParams,
      response: taskResponse,
      handler: async ({ actor, params }) => ({ task: await tasks.get(actor, params.id) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/tasks/:id',
      summary: 'Update a task',
      access: 'signed_in',
      params: idParams,
      body: taskInput,
      response: taskResponse,
      handler: async ({ actor, params, body }) => ({ task: await tasks.update(actor, params.id, body) }),
    }),
  ];
}
