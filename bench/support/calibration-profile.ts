/**
 * The calibration service's CPU per role on a seeded data folder (see scale.bench.ts SEED_ONLY):
 *   CAL_DATA=/tmp/seeded node --import tsx bench/support/calibration-profile.ts
 * Also reports the most CPU spent between two ticks of a 1 ms timer: the longest hold of the event
 * loop (process-wide CPU, so GC threads add to it).
 */

import { z } from 'zod';
import { CalibrationRepository } from '../../packages/server/src/features/calibration/repository.ts';
import { CalibrationService } from '../../packages/server/src/features/calibration/service.ts';
import { openDatabase } from '../../packages/server/src/platform/db/database.ts';

const dataDir = process.env.CAL_DATA!;
const handle = await openDatabase({ dataDir, databaseUrl: process.env.CAL_DATABASE_URL ?? null });
const { db } = handle;
const users = await db.selectFrom('users').select(['id', 'roles']).execute();
const roleList = z.array(z.string());
const pick = (role: string) => users.find((u) => roleList.parse(JSON.parse(u.roles)).includes(role))!.id;
const navigator = (
  await db
    .selectFrom('interviews')
    .select('navigator_id')
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
).navigator_id;
const actor = (id: string, roles: string[]) =>
  ({ id, email: '', name: '', roles, sessionTokenHash: '' }) as never;
const service = new CalibrationService(new CalibrationRepository(db), () => new Date());
const roles: Array<[string, unknown]> = [
  ['admin', actor(pick('admin'), ['admin'])],
  ['line manager', actor(pick('line_manager'), ['line_manager'])],
  ['interviewer', actor(navigator, ['interviewer'])],
];
const runs = Number(process.env.RUNS ?? 3);
for (const [label, who] of roles) {
  await service.figures(who as never, {});
  const cpu: number[] = [];
  let bytes = 0;
  // The most CPU spent between two ticks of a 1 ms timer: how long the loop was held at once, in
  // CPU time, which a loaded machine stretches less than wall time.
  let last = process.cpuUsage();
  let longest = 0;
  const ticker = setInterval(() => {
    const used = process.cpuUsage(last);
    longest = Math.max(longest, (used.user + used.system) / 1000);
    last = process.cpuUsage();
  }, 1);
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    const figures = await service.figures(who as never, {});
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    bytes = JSON.stringify(figures).length;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  clearInterval(ticker);
  cpu.sort((a, b) => a - b);
  console.log(
    `${label}: CPU median ${cpu[Math.floor(cpu.length / 2)]!.toFixed(0)} ms (min ${cpu[0]!.toFixed(0)}), ${(bytes / 1024).toFixed(1)} kB, longest hold of the event loop ${longest.toFixed(0)} ms CPU`,
  );
}
await handle.close();
