/**
 * Server CPU per note save, alone: one signed-in session saving notes back to back (a few in
 * flight), against the floor (support/note-floor.ts) in the same run. No WebSockets, no pacing: on
 * a loaded machine the paced bench (note-save.bench.ts) saves fewer notes than it asks for, and its
 * per-note CPU then carries more of the sockets' heartbeats; this one reads only what a save costs.
 *
 *   node --import tsx bench/note-save-cpu.bench.ts      # NOTES=3000 CONCURRENCY=8 ROUNDS=3 WARMUP=2000
 */
import os from 'node:os';
import { floor, measure, pairwise } from './support/note-save-session.ts';

const NOTES = Number(process.env.NOTES ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
// V8 keeps optimising the save path for a few thousand requests: rounds measured before that fall.
const WARMUP = Number(process.env.WARMUP ?? 2000);

const load = os
  .loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');
// Both run side by side and their rounds alternate, so a change in the machine's load between
// rounds (other people's work) weighs on both alike; each pair's ratio is then comparable.
const server = await pairwise();
const floorServer = await floor();
const serverRounds: number[] = [];
const floorRounds: number[] = [];
try {
  await measure(server, WARMUP, CONCURRENCY);
  await measure(floorServer, WARMUP, CONCURRENCY);
  for (let round = 0; round < ROUNDS; round++) {
    serverRounds.push(await measure(server, NOTES, CONCURRENCY));
    floorRounds.push(await measure(floorServer, NOTES, CONCURRENCY));
  }
} finally {
  await server.stop();
  await floorServer.stop();
}
const show = (rounds: number[]) => rounds.map((ms) => ms.toFixed(2)).join(', ');
const best = (rounds: number[]) => Math.min(...rounds);
const ratios = serverRounds.map((ms, round) => ms / floorRounds[round]!).sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)]!;
console.log(
  [
    `Load average at the start: ${load}, at the end: ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(
        ' / ',
      )}. ${ROUNDS} rounds of ${NOTES} notes each, ${CONCURRENCY} in flight, after ${WARMUP} to warm up, Pairwise's and the floor's rounds alternating.`,
    `Pairwise: ${show(serverRounds)} ms CPU a note`,
    `Floor: ${show(floorRounds)} ms CPU a note`,
    `Best round against best round: ${(best(serverRounds) / best(floorRounds)).toFixed(2)}× the floor; median of the rounds' ratios: ${median.toFixed(2)}×`,
  ].join('\n'),
);
