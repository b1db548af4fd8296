/*
 * Candidate repositories: one bare repository per interview, served over git's smart HTTP
 * protocol by the system git (`git upload-pack` for fetches, `git http-backend` for pushes; a
 * clone's capabilities, refs and a fresh clone's pack may come from memory, decision 044), with
 * access decided per request by the app.
 *
 * Wiring, in outline:
 *   const store = new CandidateRepositoryStore({ root: config.repositoriesDir });
 *   await store.create({ slug, source: exportedTaskRepo, commit });            // at planning
 *   await registerGitRoutes(app, { projectRoot: store.root, authorize, onPush, spoolDirectory });
 *   store.listCommits / listTree / readFile / diff / archive                     // for the report
 *
 * `authorize` is called on every request that carries credentials (3–4 per clone or push), so
 * its credential check should be cheap: a SHA-256 of a ≥128-bit random secret compared in
 * constant time is as strong as a slow hash here, where argon2 would add its cost to each request.
 */
export {
  CANDIDATE_REPOSITORY_CONFIG,
  CandidateRepositoryStore,
  type CandidateRepositoryStoreOptions,
  type CreateRepositoryInput,
  type DiffFile,
  type FileContent,
  MAIN_BRANCH,
  type RefEntry,
  type RepositoryDiff,
  SNAPSHOT_REF,
  type TreeEntry,
} from './candidate-repository-store.ts';
export { ClonePackCache } from './clone-pack-cache.ts';
export type { CommitRecord, FileChange, FileChangeStatus } from './commit-log.ts';
export { GitCommandError } from './git-command.ts';
export {
  type GitAuthorizeInput,
  type GitAuthorizeResult,
  type GitHttpOptions,
  gitHttpPlugin,
  registerGitRoutes,
} from './git-http-backend.ts';
export type { GitService } from './git-http-request.ts';
export type { PushEvent, RefUpdate } from './push-log.ts';
export {
  GitRepositoryError,
  type GitRepositoryErrorCode,
  isRepositorySlug,
  REPOSITORY_SLUG_PATTERN,
} from './repository-slug.ts';
