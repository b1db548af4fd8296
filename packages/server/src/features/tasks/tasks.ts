import { randomUUID } from 'node:crypto';
import {
  assignTaskOwnerRequest,
  forbidden,
  idParams,
  type Lever,
  notFound,
  type Task,
  task,
  taskInput,
  taskList,
  type UserRole,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { mayManageCandidates } from '../candidates/candidates.ts';

type TaskRow = Database['tasks'];
type TaskValues = z.output<typeof taskInput>;
type TaskRowWithNames = TaskRow & { owner_name: string | null; commands_changed_by_name: string | null };

export const toTask = (row: TaskRowWithNames, actor: Actor): Task => ({
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
  ownerId: row.owner_id,
  ownerName: row.owner_name,
  commandsChangedAt: row.commands_changed_at,
  commandsChangedByName: row.commands_changed_by_name,
  mayChangeCommands: mayChangeCommands(actor, row),
});

// Tasks are prepared by the same people who plan interviews.
const mayManageTasks = mayManageCandidates;

/**
 * A task's commands run wherever it is rehearsed: on the server's sandbox and on colleagues'
 * machines through `pairwise rehearse`. Only its owner and admins change them, so nobody's
 * machine runs a command its owner did not write.
 */
export const mayChangeCommands = (actor: Actor, task: Pick<TaskRow, 'owner_id'>) =>
  hasRole(actor, 'admin') || (task.owner_id !== null && task.owner_id === actor.id && mayManageTasks(actor));

export class TasksService {
  constructor(
    private readonly db: Db,
    private readonly audit?: AuditLog,
  ) {}

  private query() {
    return this.db
      .selectFrom('tasks')
      .leftJoin('users as owner', 'owner.id', 'tasks.owner_id')
      .leftJoin('users as changer', 'changer.id', 'tasks.commands_changed_by')
      .selectAll('tasks')
      .select(['owner.name as owner_name', 'changer.name as commands_changed_by_name']);
  }

  async list(actor: Actor): Promise<Task[]> {
    if (!mayManageTasks(actor)) throw forbidden();
    return (await this.query().orderBy('title').execute()).map((row) => toTask(row, actor));
  }

  async get(actor: Actor, id: string): Promise<Task> {
    if (!mayManageTasks(actor)) throw forbidden();
    const row = await this.query().where('tasks.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Task');
    return toTask(row, actor);
  }

  async create(actor: Actor, input: TaskValues): Promise<Task> {
    if (!mayManageTasks(actor)) throw forbidden('Only interviewers and admins can prepare tasks.');
    const now = DateTime.utc().toISO();
    const row: TaskRow = {
      id: randomUUID(),
      ...columns(input),
      created_at: now,
      updated_at: now,
      owner_id: actor.id,
      commands_changed_by: null,
      commands_changed_at: null,
    };
    await this.db.insertInto('tasks').values(row).execute();
    await this.audit?.record({
      actor,
      action: 'task.created',
      subjectType: 'task',
      subjectId: row.id,
      detail: { setupCommands: input.setupCommands, testCommand: input.testCommand },
    });
    return this.get(actor, row.id);
  }

  async update(actor: Actor, id: string, input: TaskValues): Promise<Task> {
    const before = await this.get(actor, id);
    const commandsChanged =
      JSON.stringify(before.setupCommands) !== JSON.stringify(input.setupCommands) ||
      before.testCommand !== input.testCommand;
    if (commandsChanged && !before.mayChangeCommands) {
      throw forbidden(
        before.ownerName
          ? `Only ${before.ownerName}, who owns this task, and admins can change its commands.`
          : 'Only admins can change the commands of this task.',
      );
    }
    const now = DateTime.utc().toISO();
    await this.db
      .updateTable('tasks')
      .set({
        ...columns(input),
        updated_at: now,
        ...(commandsChanged ? { commands_changed_by: actor.id, commands_changed_at: now } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (commandsChanged) {
      // The commands as they were and as they are: what a rehearsal ran can be traced to its author.
      await this.audit?.record({
        actor,
        action: 'task.commands_changed',
        subjectType: 'task',
        subjectId: id,
        detail: {
          before: { setupCommands: before.setupCommands, testCommand: before.testCommand },
          after: { setupCommands: input.setupCommands, testCommand: input.testCommand },
        },
      });
    }
    return this.get(actor, id);
  }

  /**
   * Names a task's owner. Tasks older than owners have none, and until an admin names one only
   * admins change their commands; an admin also hands a task on when its owner leaves. Audited
   * with the owner before and after, as a change of who may change the commands.
   */
  async assignOwner(actor: Actor, id: string, ownerId: string): Promise<Task> {
    if (!hasRole(actor, 'admin')) throw forbidden("Only admins choose a task's owner.");
    const before = await this.get(actor, id);
    const owner = await this.db
      .selectFrom('users')
      .select(['id', 'name', 'roles', 'active'])
      .where('id', '=', ownerId)
      .executeTakeFirst();
    const roles = owner ? (JSON.parse(owner.roles) as UserRole[]) : [];
    if (owner?.active !== 1 || !(roles.includes('interviewer') || roles.includes('admin'))) {
      throw unprocessable('Choose an active interviewer or admin as the owner.', {
        ownerId: 'Not an active interviewer or admin.',
      });
    }
    if (before.ownerId === owner.id) return before;
    await this.db
      .updateTable('tasks')
      .set({ owner_id: owner.id, updated_at: DateTime.utc().toISO() })
      .where('id', '=', id)
      .execute();
    await this.audit?.record({
      actor,
      action: 'task.owner_assigned',
      subjectType: 'task',
      subjectId: id,
      detail: {
        before: { ownerId: before.ownerId, ownerName: before.ownerName },
        after: { ownerId: owner.id, ownerName: owner.name },
      },
    });
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
    defineRoute({
      method: 'PUT',
      url: '/api/tasks/:id/owner',
      summary: "Choose the task's owner, who with admins may change its commands (admin)",
      access: 'signed_in',
      params: idParams,
      body: assignTaskOwnerRequest,
      response: taskResponse,
      handler: async ({ actor, params, body }) => ({
        task: await tasks.assignOwner(actor, params.id, body.ownerId),
      }),
    }),
  ];
}
