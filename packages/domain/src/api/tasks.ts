import { z } from 'zod';
import { id, idParams, longText, name, shortText } from './common.ts';
import { contract } from './contract.ts';

export const lever = z.strictObject({
  id: z.string().trim().min(1).max(64),
  direction: z.enum(['easier', 'harder']),
  description: z.string().trim().min(1).max(1_000),
});
export type Lever = z.infer<typeof lever>;

export const taskInput = z.strictObject({
  title: name,
  summary: shortText,
  navigatorGuide: longText,
  setupCommands: z.array(z.string().trim().min(1).max(2_000)).max(50),
  testCommand: z.string().trim().max(2_000),
  setupBudgetSec: z.number().int().min(10).max(7_200).default(300),
  pairingMinutes: z.number().int().min(5).max(240).default(60),
  /** Offer one-key red/green/refactor markers during pairing. */
  tddRhythm: z.boolean().default(false),
  levers: z
    .array(lever)
    .max(30)
    .default([])
    .refine((levers) => new Set(levers.map((l) => l.id)).size === levers.length, 'Lever ids must be unique.'),
});
export type TaskInput = z.input<typeof taskInput>;

export const task = z.object({
  id,
  title: z.string(),
  summary: z.string(),
  navigatorGuide: z.string(),
  setupCommands: z.array(z.string()),
  testCommand: z.string(),
  setupBudgetSec: z.number(),
  pairingMinutes: z.number(),
  tddRhythm: z.boolean(),
  levers: z.array(lever),
  updatedAt: z.string(),
  /** Who created the task; null for tasks older than owners, whose commands only admins change. */
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** Who last changed the setup or test commands, and when; null if unchanged since created. */
  commandsChangedAt: z.string().nullable(),
  commandsChangedByName: z.string().nullable(),
  /** Whether the signed-in user may change the commands (the owner and admins). */
  mayChangeCommands: z.boolean(),
});
export type Task = z.infer<typeof task>;
export const taskList = z.object({ tasks: z.array(task) });
/** An admin names who owns a task (and so may change its commands): an active interviewer or admin. */
export const assignTaskOwnerRequest = z.object({ ownerId: id });

const taskResponse = z.object({ task });

/** The task library's routes, implemented by the server's tasks feature and called by the web. */
export const tasksApi = {
  list: contract({ method: 'GET', path: '/api/tasks', response: taskList }),
  create: contract({
    method: 'POST',
    path: '/api/tasks',
    status: 201,
    body: taskInput,
    response: taskResponse,
  }),
  get: contract({ method: 'GET', path: '/api/tasks/:id', params: idParams, response: taskResponse }),
  update: contract({
    method: 'PUT',
    path: '/api/tasks/:id',
    params: idParams,
    body: taskInput,
    response: taskResponse,
  }),
  assignOwner: contract({
    method: 'PUT',
    path: '/api/tasks/:id/owner',
    params: idParams,
    body: assignTaskOwnerRequest,
    response: taskResponse,
  }),
};
