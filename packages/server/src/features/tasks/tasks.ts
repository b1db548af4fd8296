import { randomUUID } from 'node:crypto';
import { notFound, type Task, type taskInput, tasksApi, unprocessable } from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { toJsonColumn } from '../../platform/db/json-column.ts';
import { implement } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { authorizeCommandChange, authorizeTasks, mayChangeCommands, mayOwnTasks } from './policy.ts';
import {
  parseLevers,
  parseSetupCommands,
  type TaskRow,
  type TaskRowWithNames,
  type TasksRepository,
} from './repository.ts';

type TaskValues = z.output<typeof taskInput>;

export const toTask = (row: TaskRowWithNames, actor: Actor): Task => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  navigatorGuide: row.navigator_guide,
  setupCommands: parseSetupCommands(row.setup_commands),
  testCommand: row.test_command,
  setupBudgetSec: row.setup_budget_sec,
  pairingMinutes: row.pairing_minutes,
  tddRhythm: row.tdd_rhythm === 1,
  levers: parseLevers(row.levers),
  updatedAt: row.updated_at,
  ownerId: row.owner_id,
  ownerName: row.owner_name,
  commandsChangedAt: row.commands_changed_at,
  commandsChangedByName: row.commands_changed_by_name,
  mayChangeCommands: mayChangeCommands(actor, row),
});

export class TasksService {
  constructor(
    private readonly repository: TasksRepository,
    private readonly audit?: AuditLog,
  ) {}

  async list(actor: Actor): Promise<Task[]> {
    authorizeTasks(actor, 'view');
    return (await this.repository.list()).map((row) => toTask(row, actor));
  }

  async get(actor: Actor, id: string): Promise<Task> {
    authorizeTasks(actor, 'view');
    const row = await this.repository.find(id);
    if (!row) throw notFound('Task');
    return toTask(row, actor);
  }

  async create(actor: Actor, input: TaskValues): Promise<Task> {
    authorizeTasks(actor, 'create');
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
    await this.repository.insert(row);
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
    if (commandsChanged)
      authorizeCommandChange(actor, { owner_id: before.ownerId, ownerName: before.ownerName });
    const now = DateTime.utc().toISO();
    await this.repository.update(id, {
      ...columns(input),
      updated_at: now,
      ...(commandsChanged ? { commands_changed_by: actor.id, commands_changed_at: now } : {}),
    });
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
    authorizeTasks(actor, 'assign_owner');
    const before = await this.get(actor, id);
    const owner = await this.repository.ownerCandidate(ownerId);
    if (!owner || !mayOwnTasks(owner)) {
      throw unprocessable('Choose an active interviewer or admin as the owner.', {
        ownerId: 'Not an active interviewer or admin.',
      });
    }
    if (before.ownerId === owner.id) return before;
    await this.repository.update(id, { owner_id: owner.id, updated_at: DateTime.utc().toISO() });
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
    setup_commands: toJsonColumn(input.setupCommands),
    test_command: input.testCommand,
    setup_budget_sec: input.setupBudgetSec,
    pairing_minutes: input.pairingMinutes,
    tdd_rhythm: input.tddRhythm ? 1 : 0,
    levers: toJsonColumn(input.levers),
  };
}

export function tasksRoutes(tasks: TasksService) {
  return [
    implement(tasksApi.list, {
      summary: 'The task library',
      access: 'signed_in',
      handler: async ({ actor }) => ({ tasks: await tasks.list(actor) }),
    }),
    implement(tasksApi.create, {
      summary: 'Create a task',
      access: 'signed_in',
      handler: async ({ actor, body }) => ({ task: await tasks.create(actor, body) }),
    }),
    implement(tasksApi.get, {
      summary: 'One task',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ task: await tasks.get(actor, params.id) }),
    }),
    implement(tasksApi.update, {
      summary: 'Update a task',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({ task: await tasks.update(actor, params.id, body) }),
    }),
    implement(tasksApi.assignOwner, {
      summary: "Choose the task's owner, who with admins may change its commands (admin)",
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        task: await tasks.assignOwner(actor, params.id, body.ownerId),
      }),
    }),
  ];
}
