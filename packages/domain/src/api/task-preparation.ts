import { z } from 'zod';
import { id, idParams, ok, shortText } from './common.ts';
import { contract } from './contract.ts';
import { interviewDetail } from './interviews.ts';
import { task } from './tasks.ts';

/**
 * Task preparation: a task's starting point as immutable snapshots, exported
 * secret-free; rehearsals of its setup; personal API tokens for `pairwise rehearse`.
 */

export const taskSnapshotParams = z.strictObject({ id, snapshotId: id });
export const rehearsalParams = z.strictObject({ id, rehearsalId: id });

/** Where a starting point comes from. An archive is uploaded first and named by its upload id. */
export const snapshotSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('directory'), path: z.string().trim().min(1).max(4_096) }),
  z.strictObject({
    kind: z.literal('git'),
    url: z.string().trim().min(1).max(2_048),
    /** A branch, tag or commit id; the remote's default branch when empty. */
    ref: z.string().trim().max(200).optional(),
  }),
  z.strictObject({ kind: z.literal('archive'), uploadId: id }),
]);
export type SnapshotSourceInput = z.infer<typeof snapshotSource>;

const relativePath = z.string().trim().min(1).max(4_096);

/** Acknowledges one finding (file, line, rule) as a false positive; the reason is recorded. */
export const findingAcknowledgement = z.strictObject({
  path: relativePath,
  line: z.number().int().min(1),
  ruleId: z.string().min(1).max(200),
  reason: z.string().trim().min(3, 'Say why this is not a secret.').max(1_000),
});
export type FindingAcknowledgement = z.infer<typeof findingAcknowledgement>;

export const exportRequest = z.strictObject({
  source: snapshotSource,
  /** Files or folders left out of the starting point. */
  excludedPaths: z.array(relativePath).max(500).default([]),
  /** Folders kept although their name marks them as dependencies or build output (a Go vendor/). */
  keptPaths: z.array(relativePath).max(100).default([]),
  acknowledgements: z.array(findingAcknowledgement).max(500).default([]),
});
export type ExportRequest = z.input<typeof exportRequest>;

export const secretFinding = z.object({
  path: z.string(),
  line: z.number(),
  column: z.number(),
  ruleId: z.string(),
  message: z.string(),
  /** Enough to recognise the secret, never enough to use it. */
  masked: z.string(),
  status: z.enum(['blocking', 'acknowledged']),
  reason: z.string().nullable(),
});
export type SecretFindingView = z.infer<typeof secretFinding>;

export const snapshotFile = z.object({ path: z.string(), size: z.number() });
export type SnapshotFile = z.infer<typeof snapshotFile>;
export const droppedPath = z.object({
  path: z.string(),
  reason: z.enum(['git-metadata', 'dependencies', 'build-output', 'gitignore', 'excluded', 'special-file']),
});
export type DroppedPathView = z.infer<typeof droppedPath>;

export const exportPreview = z.object({
  source: z.string(),
  fileCount: z.number(),
  totalBytes: z.number(),
  tree: z.array(snapshotFile),
  dropped: z.array(droppedPath),
  findings: z.array(secretFinding),
  blockingCount: z.number(),
});
export type ExportPreview = z.infer<typeof exportPreview>;
export const exportPreviewResponse = z.object({ preview: exportPreview });

export const recordedAcknowledgement = z.object({
  path: z.string(),
  line: z.number(),
  ruleId: z.string(),
  masked: z.string(),
  reason: z.string(),
  acknowledgedBy: z.string(),
});

export const taskSnapshot = z.object({
  id,
  taskId: id,
  commit: z.string(),
  /** Without credentials: "directory /srv/katas/x", "git https://host/repo.git @ v1 (3f2a…)". */
  source: z.string(),
  fileCount: z.number(),
  totalBytes: z.number(),
  excludedPaths: z.array(z.string()),
  acknowledgements: z.array(recordedAcknowledgement),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type TaskSnapshot = z.infer<typeof taskSnapshot>;
export const taskSnapshotList = z.object({ snapshots: z.array(taskSnapshot) });
export const taskSnapshotDetail = z.object({
  snapshot: taskSnapshot,
  tree: z.array(snapshotFile),
  /** Only right after an export: what the export left out. */
  dropped: z.array(droppedPath).optional(),
});
export type TaskSnapshotDetail = z.infer<typeof taskSnapshotDetail>;

export const archiveUpload = z.object({
  id,
  name: z.string(),
  bytes: z.number(),
});
export type ArchiveUpload = z.infer<typeof archiveUpload>;
export const archiveUploadResponse = z.object({ upload: archiveUpload });
export const archiveUploadQuery = z.strictObject({ name: z.string().trim().max(255).optional() });

export const rehearsalStep = z.object({
  kind: z.enum(['clone', 'setup', 'test']),
  command: z.string(),
  /** null when the step was killed (timeout, cancel) or could not start. */
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int().min(0),
  outputTail: z.string().max(70_000),
  outputBytes: z.number().int().min(0),
  timedOut: z.boolean(),
});
export type RehearsalStep = z.infer<typeof rehearsalStep>;

export const rehearsalOrigins = ['server', 'cli'] as const;
export const rehearsal = z.object({
  id,
  taskId: id,
  snapshotId: id,
  snapshotCommit: z.string(),
  machineLabel: z.string(),
  origin: z.enum(rehearsalOrigins),
  /** 'interrupted': the server stopped while it ran. */
  status: z.enum(['running', 'finished', 'interrupted']),
  steps: z.array(rehearsalStep),
  totalMs: z.number().nullable(),
  budgetMs: z.number(),
  passed: z.boolean(),
  withinBudget: z.boolean(),
  /** Which step failed and why, in words: "exited with code 1", "timed out after 600 s". */
  failedStep: z.object({ index: z.number(), reason: z.string() }).nullable(),
  at: z.string(),
  ranByName: z.string(),
});
export type Rehearsal = z.infer<typeof rehearsal>;
export const rehearsalList = z.object({
  rehearsals: z.array(rehearsal),
  /**
   * 'off': this server runs no task commands; only `pairwise rehearse` on a colleague's machine does.
   * 'worker': rehearsals wait in the job queue for a separate `pairwise rehearsal-worker`.
   */
  serverRehearsals: z.enum(['sandbox', 'off', 'worker']),
});
export type RehearsalList = z.infer<typeof rehearsalList>;
export const rehearsalResponse = z.object({ rehearsal });
export const startRehearsalRequest = z.strictObject({ snapshotId: id.optional() });

export const rehearsalLiveStep = z.object({
  stepIndex: z.number().int(),
  command: z.string(),
  /** Since the step started. */
  elapsedMs: z.number(),
  /** The last lines of its output. */
  tail: z.array(z.string()),
  finished: z.boolean(),
});
export type RehearsalLiveStep = z.infer<typeof rehearsalLiveStep>;

/** Server-sent events of a rehearsal, one JSON document per `data:` line. */
export const rehearsalStreamMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('state'), rehearsal, current: rehearsalLiveStep.nullable() }),
  z.object({ kind: z.literal('progress'), current: rehearsalLiveStep, step: rehearsalStep.optional() }),
  z.object({ kind: z.literal('finished'), rehearsal }),
]);
export type RehearsalStreamMessage = z.infer<typeof rehearsalStreamMessage>;

/** What `pairwise rehearse` needs to run the server's rehearsal on another machine. */
export const rehearsalPlan = z.object({
  task: z.object({ id, title: z.string() }),
  snapshot: z.object({ id, commit: z.string(), archivePath: z.string() }),
  setupCommands: z.array(z.string()),
  testCommand: z.string(),
  budgetMs: z.number(),
  stepTimeoutMs: z.number(),
  totalTimeoutMs: z.number(),
});
export type RehearsalPlan = z.infer<typeof rehearsalPlan>;
export const rehearsalPlanQuery = z.strictObject({ snapshotId: id.optional() });

/** A rehearsal run elsewhere (the CLI), reported as runRehearsal returned it. */
export const rehearsalUpload = z.strictObject({
  snapshotId: id,
  machineLabel: z.string().trim().min(1).max(200),
  steps: z.array(rehearsalStep).min(1).max(60),
  totalMs: z.number().int().min(0),
  passed: z.boolean(),
  failedStep: z
    .object({ index: z.number().int().min(0), reason: shortText })
    .nullable()
    .default(null),
  at: z.iso.datetime({ offset: true }),
});
export type RehearsalUpload = z.input<typeof rehearsalUpload>;

/**
 * What a token may do, on top of what its owner may do: `cli` is `pairwise rehearse`; `admin`
 * opens every route the owner can reach except sessions, accounts and tokens themselves.
 */
export const apiTokenScopes = [
  'cli',
  'interviews:read',
  'interviews:plan',
  'candidates:manage',
  'reports:read',
  'admin',
] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];
export const apiTokenScopeLabels: Record<ApiTokenScope, string> = {
  cli: 'Rehearse tasks (pairwise rehearse)',
  'interviews:read': 'Read interviews (list and stage)',
  'interviews:plan': 'Plan interviews',
  'candidates:manage': 'Add and find candidates',
  'reports:read': 'Read reports',
  admin: 'Everything you can do (admin)',
};

export const apiToken = z.object({
  id,
  label: z.string(),
  scopes: z.array(z.enum(apiTokenScopes)),
  createdAt: z.string(),
  /** null: the token does not expire. */
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedFrom: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;
export const apiTokenList = z.object({ tokens: z.array(apiToken) });
export const createApiTokenRequest = z.strictObject({
  label: z.string().trim().min(1).max(100),
  /** Unset: `cli`, what tokens did before they had scopes. */
  scopes: z
    .array(z.enum(apiTokenScopes))
    .min(1, 'Choose at least one scope.')
    .max(apiTokenScopes.length)
    .default(['cli']),
  /** Days until the token stops working; null: never (unset: 90). */
  expiresInDays: z.number().int().min(1).max(366).nullable().default(90),
});
export type CreateApiTokenRequest = z.output<typeof createApiTokenRequest>;
/** The token itself is shown once, at creation; only its hash is kept. */
export const createdApiToken = z.object({ token: z.string(), apiToken });
export type CreatedApiToken = z.infer<typeof createdApiToken>;

export const chooseSnapshotRequest = z.strictObject({ snapshotId: id });

export const demoTaskResponse = z.object({
  task,
  snapshot: taskSnapshot,
  /** False when the demo task was added before: the existing one is returned. */
  created: z.boolean(),
});

/**
 * The snapshots routes, implemented by the server's task-snapshots feature. The `.tar.gz` archive
 * is a file, not JSON, and keeps its own route there.
 */
export const taskSnapshotsApi = {
  /** 201 when the demo task is added, 200 with the existing one when it was added before. */
  addDemo: contract({ method: 'POST', path: '/api/tasks/demo', response: demoTaskResponse }),
  preview: contract({
    method: 'POST',
    path: '/api/tasks/:id/snapshot-preview',
    params: idParams,
    body: exportRequest,
    response: exportPreviewResponse,
  }),
  export: contract({
    method: 'POST',
    path: '/api/tasks/:id/snapshots',
    status: 201,
    params: idParams,
    body: exportRequest,
    response: taskSnapshotDetail,
  }),
  list: contract({
    method: 'GET',
    path: '/api/tasks/:id/snapshots',
    params: idParams,
    response: taskSnapshotList,
  }),
  get: contract({
    method: 'GET',
    path: '/api/tasks/:id/snapshots/:snapshotId',
    params: taskSnapshotParams,
    response: taskSnapshotDetail,
  }),
  /** The archive itself is the raw body (application/zip or application/gzip), not JSON. */
  upload: contract({
    method: 'POST',
    path: '/api/tasks/:id/archive-uploads',
    status: 201,
    params: idParams,
    query: archiveUploadQuery,
    response: archiveUploadResponse,
  }),
  chooseForInterview: contract({
    method: 'PUT',
    path: '/api/interviews/:id/snapshot',
    params: idParams,
    body: chooseSnapshotRequest,
    response: z.object({ interview: interviewDetail }),
  }),
};

/**
 * The rehearsals routes, implemented by the server's rehearsals feature. The event stream and the
 * worker's archive are not JSON and keep their own routes there. Paths under `/api/cli/` accept an
 * API token as well as a session.
 */
export const rehearsalsApi = {
  list: contract({
    method: 'GET',
    path: '/api/tasks/:id/rehearsals',
    params: idParams,
    response: rehearsalList,
  }),
  start: contract({
    method: 'POST',
    path: '/api/tasks/:id/rehearsals',
    status: 202,
    params: idParams,
    body: startRehearsalRequest,
    response: rehearsalResponse,
  }),
  cancel: contract({
    method: 'POST',
    path: '/api/tasks/:id/rehearsals/:rehearsalId/cancel',
    params: rehearsalParams,
    response: ok,
  }),
  plan: contract({
    method: 'GET',
    path: '/api/cli/tasks/:id/rehearsal-plan',
    params: idParams,
    query: rehearsalPlanQuery,
    response: rehearsalPlan,
  }),
  record: contract({
    method: 'POST',
    path: '/api/cli/tasks/:id/rehearsals',
    status: 201,
    params: idParams,
    body: rehearsalUpload,
    response: rehearsalResponse,
  }),
};
