/**
 * Server CPU per note save, this tree against another (a change against main), both servers up
 * side by side and their rounds alternating, so that other people's work on the machine weighs on
 * both alike. A cut of a few per cent is smaller than the spread of rounds run minutes apart; the
 * ratio of rounds run one after the other is what can show it.
 *
 *   BEFORE_TREE=/tmp/before node --import tsx bench/note-save-ab.bench.ts   # CONCURRENCY=1 NOTES=1000 PAIRS=10 WARMUP=2000
 *
 * The other tree needs its own `node_modules/@pairwise` links (the workspace's links are relative,
 * so a tree that borrows this one's `node_modules` whole runs this tree's server):
 *   git archive main | tar -x -C /tmp/before && mkdir /tmp/before/node_modules
 *   ln -s "$PWD"/node_modules/* /tmp/before/node_modules/ && rm /tmp/before/node_modules/@pairwise
 *   mkdir /tmp/before/node_modules/@pairwise && for p in cli domain server web; do
 *     ln -s ../../packages/$p /tmp/before/node_modules/@pairwise/$p; done
 *   ln -s "$PWD"/packages/server/node_modules /tmp/before/packages/server/node_modules
 */
import os from 'node:os';
import path from 'node:path';
import type { startChildServer } from './support/child-server.ts';
import { measure, pairwise } from './support/note-save-session.ts';

const BEFORE_TREE = process.env.BEFORE_TREE;
if (!BEFORE_TREE) throw new Error('Set BEFORE_TREE to the folder of the tree to compare with.');
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 1);
const NOTES = Number(process.env.NOTES ?? 1000);
const PAIRS = Number(process.env.PAIRS ?? 10);
const WARMUP = Number(process.env.WARMUP ?? 2000);

const beforeTree: { startChildServer: typeof startChildServer } = await import(
  path.join(path.resolve(BEFORE_TREE), 'bench/support/child-server.ts')
);
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');
const startLoad = load();
const after = await pairwise();
const before = await pairwise(beforeTree.startChildServer);
const afterRounds: number[] = [];
const beforeRounds: number[] = [];
try {
  await measure(after, WARMUP, CONCURRENCY);
  await measure(before, WARMUP, CONCURRENCY);
  for (let pair = 0; pair < PAIRS; pair++) {
    // Each goes first in every other pair: neither always meets the machine's next change first.
    const order = pair % 2 === 0 ? [after, before] : [before, after];
    for (const target of order) {
      const ms = await measure(target, NOTES, CONCURRENCY);
      (target === after ? afterRounds : beforeRounds).push(ms);
    }
  }
} finally {
  await after.stop();
  await before.stop();
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const show = (values: number[], digits = 3) => values.map((value) => value.toFixed(digits)).join(', ');
const ratios = afterRounds.map((ms, pair) => ms / beforeRounds[pair]!);
console.log(
  [
    `Load average at the start: ${startLoad}, at the end: ${load()}. ${PAIRS} pairs of ${NOTES} saves, ${CONCURRENCY} in flight, after ${WARMUP} to warm up.`,
    `This tree: ${show(afterRounds)} ms CPU a save (mean ${mean(afterRounds).toFixed(3)})`,
    `${BEFORE_TREE}: ${show(beforeRounds)} ms CPU a save (mean ${mean(beforeRounds).toFixed(3)})`,
    `This tree ÷ the other, a pair at a time: ${show(ratios, 2)}; median ${median(ratios).toFixed(3)}, mean ${mean(ratios).toFixed(3)}`,
  ].join('\n'),
);
