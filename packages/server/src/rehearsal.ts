// What `pairwise rehearse` runs on a colleague's machine: the same runner and archive checks as the
// server, and nothing else, so the CLI the server hands out can be bundled without the server.
export {
  type RehearsalProgressEvent,
  type RehearsalResult,
  runRehearsal,
} from './features/rehearsals/rehearsal-runner.ts';
export { readTaskManifest, TASK_MANIFEST } from './features/task-snapshots/task-manifest.ts';
export { extractArchive } from './platform/archive/extract-archive.ts';
