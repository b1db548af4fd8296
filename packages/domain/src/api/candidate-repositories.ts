import { z } from 'zod';
import { id, idParams } from './common.ts';
import { contract } from './contract.ts';
import { portalCloneBlock } from './portal.ts';

/**
 * The candidate's repository as the panel sees it: where it is, whether it is open, and what
 * was pushed. Staff read code through these routes; git itself only ever opens with the
 * candidate's own credentials.
 */

export const repositoryWindowStates = ['not_yet', 'open', 'closed'] as const;
export type RepositoryWindowState = (typeof repositoryWindowStates)[number];

export const repositoryWindow = z.object({
  state: z.enum(repositoryWindowStates),
  /** When it opened or will open; null only when it can no longer open. */
  opensAt: z.string().nullable(),
  /** When it closed or will close; null while pairing has not started (it closes at the alarm). */
  closesAt: z.string().nullable(),
  openedBy: z.enum(['schedule', 'setup', 'navigator']).nullable(),
  closedBy: z.enum(['alarm', 'pairing_ended', 'navigator', 'interview_over']).nullable(),
  /** What the git client shows the candidate when access is refused now. */
  refusal: z.string().nullable(),
});
export type RepositoryWindow = z.infer<typeof repositoryWindow>;

export const candidateRepositoryStatus = z.object({
  slug: z.string(),
  cloneUrl: z.string(),
  username: z.string(),
  window: repositoryWindow,
  /** The task snapshot the repository starts from, or null for an empty starting point. */
  startingPoint: z.object({ snapshotId: id.nullable(), commit: z.string().nullable() }),
  firstAccessAt: z.string().nullable(),
  credentialsRotatedAt: z.string().nullable(),
  pushCount: z.number(),
  lastPushAt: z.string().nullable(),
  /** For the navigator and admins: the instructions with the password, while the window is open. */
  cloneBlock: portalCloneBlock.nullable(),
});
export type CandidateRepositoryStatus = z.infer<typeof candidateRepositoryStatus>;
export const candidateRepositoryStatusResponse = z.object({ repository: candidateRepositoryStatus });

export const repositoryWindowRequest = z.strictObject({
  open: z.boolean(),
  /** Open more than 2 hours before the start: only on purpose, and recorded. */
  startEarly: z.boolean().optional(),
});

export const fileChangeStatus = z.enum(['A', 'C', 'D', 'M', 'R', 'T', 'U', 'X', 'B']);
export const fileChange = z.object({
  status: fileChangeStatus,
  path: z.string(),
  oldPath: z.string().optional(),
});

export const pushedCommit = z.object({
  sha: z.string(),
  parents: z.array(z.string()),
  author: z.object({ name: z.string(), email: z.string() }),
  /** Author date, by the candidate's clock. */
  at: z.string(),
  message: z.string(),
  changes: z.array(fileChange),
});
export type PushedCommit = z.infer<typeof pushedCommit>;

export const repositoryPush = z.object({
  id: z.string(),
  at: z.string(),
  /** Milliseconds after pairing started; null for a push during setup. */
  offsetMs: z.number().nullable(),
  refs: z.array(z.object({ ref: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  commits: z.array(pushedCommit),
  commitsTruncated: z.boolean(),
});
export type RepositoryPush = z.infer<typeof repositoryPush>;
export const repositoryPushList = z.object({ pushes: z.array(repositoryPush) });

export const repositoryTree = z.object({
  commit: z.string(),
  entries: z.array(
    z.object({
      path: z.string(),
      type: z.enum(['blob', 'tree', 'commit']),
      size: z.number().nullable(),
    }),
  ),
});
export type RepositoryTree = z.infer<typeof repositoryTree>;

export const repositoryFileQuery = z.strictObject({ path: z.string().min(1).max(4096) });
export const repositoryFile = z.object({
  path: z.string(),
  size: z.number(),
  /** Binary content is not sent; download the archive for it. */
  binary: z.boolean(),
  truncated: z.boolean(),
  content: z.string(),
});
export type RepositoryFile = z.infer<typeof repositoryFile>;

export const repositoryDiff = z.object({
  from: z.string(),
  to: z.string(),
  files: z.array(fileChange.extend({ additions: z.number().nullable(), deletions: z.number().nullable() })),
  patch: z.string(),
  truncated: z.boolean(),
});
export type RepositoryDiff = z.infer<typeof repositoryDiff>;

/**
 * The staff's candidate-repository routes, implemented by the server's candidate-repositories
 * feature. The `.tar.gz` of main and git's smart HTTP are not JSON and keep their own routes.
 */
export const candidateRepositoriesApi = {
  status: contract({
    method: 'GET',
    path: '/api/interviews/:id/repository',
    params: idParams,
    response: candidateRepositoryStatusResponse,
  }),
  setWindow: contract({
    method: 'PUT',
    path: '/api/interviews/:id/repository/window',
    params: idParams,
    body: repositoryWindowRequest,
    response: candidateRepositoryStatusResponse,
  }),
  rotateCredentials: contract({
    method: 'POST',
    path: '/api/interviews/:id/repository/credentials',
    params: idParams,
    response: candidateRepositoryStatusResponse,
  }),
  pushes: contract({
    method: 'GET',
    path: '/api/interviews/:id/repository/pushes',
    params: idParams,
    response: repositoryPushList,
  }),
  tree: contract({
    method: 'GET',
    path: '/api/interviews/:id/repository/tree',
    params: idParams,
    response: repositoryTree,
  }),
  file: contract({
    method: 'GET',
    path: '/api/interviews/:id/repository/file',
    params: idParams,
    query: repositoryFileQuery,
    response: repositoryFile,
  }),
  diff: contract({
    method: 'GET',
    path: '/api/interviews/:id/repository/diff',
    params: idParams,
    response: repositoryDiff,
  }),
};
