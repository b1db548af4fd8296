import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, type TaskInput, taskInput } from '@pairwise/domain';
import { z } from 'zod';

/**
 * `pairwise-task.json`: a task described next to its files, as the bundled demo task is.
 * The server adds the demo task from it; `pairwise rehearse <dir>` reads its commands from it.
 */

export const demoTaskDir = fileURLToPath(new URL('../../../demo-task', import.meta.url));
export const TASK_MANIFEST = 'pairwise-task.json';

const manifest = z.object({
  title: z.string(),
  summary: z.string().default(''),
  /** The folder, relative to the manifest, that becomes the candidate's starting point. */
  source: z.string().default('.'),
  /** A Markdown file, relative to the manifest, for the interviewer only. */
  navigatorGuide: z.string().optional(),
  setupCommands: z.array(z.string()).default([]),
  testCommand: z.string(),
  setupBudgetSec: z.number().optional(),
  pairingMinutes: z.number().optional(),
  /** Offer the red/green/refactor markers during pairing. */
  tddRhythm: z.boolean().optional(),
  levers: z.array(z.unknown()).default([]),
});

export type TaskManifest = { task: z.output<typeof taskInput>; sourceDir: string };

export async function readTaskManifest(folder: string): Promise<TaskManifest> {
  const file = path.join(folder, TASK_MANIFEST);
  const parsed = manifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new AppError('unprocessable', `${file} is not a valid task description: ${parsed.error.message}`);
  }
  const value = parsed.data;
  const guide = value.navigatorGuide
    ? await readFile(path.resolve(folder, value.navigatorGuide), 'utf8')
    : '';
  const input: TaskInput = {
    title: value.title,
    summary: value.summary,
    navigatorGuide: guide,
    setupCommands: value.setupCommands,
    testCommand: value.testCommand,
    ...(value.setupBudgetSec ? { setupBudgetSec: value.setupBudgetSec } : {}),
    ...(value.pairingMinutes ? { pairingMinutes: value.pairingMinutes } : {}),
    ...(value.tddRhythm !== undefined ? { tddRhythm: value.tddRhythm } : {}),
    levers: value.levers as TaskInput['levers'],
  };
  return { task: taskInput.parse(input), sourceDir: path.resolve(folder, value.source) };
}
