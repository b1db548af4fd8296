import { randomUUID } from 'node:crypto';
import { scanFiles } from '../../platform/secret-scan/secret-scan.ts';
import { type Acknowledgement, ExportBlockedError, type GatedFinding, gateFindings } from './export-gate.ts';
import { buildExportTree, type DroppedPath, type ExportLimits, type ExportTree } from './export-tree.ts';
import { type MaterializeOptions, materializeSource, type SnapshotSource } from './snapshot-source.ts';
import {
  ensureTaskRepository,
  listSnapshotTree,
  type SnapshotTreeEntry,
  writeSnapshotCommit,
} from './snapshot-store.ts';

/**
 * Import → export tree → secret scan → one commit. `previewExport` runs the same steps
 * without writing, so the interviewer sees the tree, what was dropped and every finding
 * before deciding what to exclude or acknowledge.
 */

export type ExportOptions = {
  excludedPaths?: readonly string[];
  keptPaths?: readonly string[];
  acknowledgements?: readonly Acknowledgement[];
  limits?: Partial<ExportLimits>;
  materialize?: MaterializeOptions;
};

export type ExportPreview = {
  source: string;
  sourceCommit?: string;
  fileCount: number;
  totalBytes: number;
  tree: SnapshotTreeEntry[];
  dropped: DroppedPath[];
  findings: GatedFinding[];
  blockingCount: number;
  unusedAcknowledgements: Acknowledgement[];
};

export type SnapshotTimings = { sourceMs: number; treeMs: number; scanMs: number; commitMs: number };

export type SnapshotResult = {
  snapshotId: string;
  commit: string;
  fileCount: number;
  totalBytes: number;
  tree: SnapshotTreeEntry[];
  dropped: DroppedPath[];
  /** Findings let through by an acknowledgement: record them with their reasons. */
  acknowledged: GatedFinding[];
  source: string;
  sourceCommit?: string;
  timings: SnapshotTimings;
};

export type ImportSnapshotInput = ExportOptions & {
  dataDir: string;
  taskId: string;
  source: SnapshotSource;
  /** Lets the caller create its database row first; a random UUID otherwise. */
  snapshotId?: string;
};

export async function previewExport(
  source: SnapshotSource,
  options: ExportOptions = {},
): Promise<ExportPreview> {
  const prepared = await prepareExport(source, options);
  const { tree, gate } = prepared;
  return {
    source: prepared.source,
    ...(prepared.sourceCommit ? { sourceCommit: prepared.sourceCommit } : {}),
    fileCount: tree.files.length,
    totalBytes: tree.totalBytes,
    tree: tree.files.map((file) => ({ path: file.path, size: file.size })),
    dropped: tree.dropped,
    findings: gate.findings,
    blockingCount: gate.blocking.length,
    unusedAcknowledgements: gate.unusedAcknowledgements,
  };
}

/** Throws ExportBlockedError (code 'unprocessable', with `findings`) while any finding blocks. */
export async function importSnapshot(input: ImportSnapshotInput): Promise<SnapshotResult> {
  const snapshotId = input.snapshotId ?? randomUUID();
  const prepared = await prepareExport(input.source, input);
  if (prepared.gate.blocking.length > 0) throw new ExportBlockedError(prepared.gate.blocking);

  const started = performance.now();
  const repoPath = await ensureTaskRepository(input.dataDir, input.taskId);
  const commit = await writeSnapshotCommit(repoPath, snapshotId, prepared.tree.files);
  const tree = await listSnapshotTree(repoPath, commit);
  const commitMs = performance.now() - started;

  return {
    snapshotId,
    commit,
    fileCount: tree.length,
    totalBytes: tree.reduce((sum, entry) => sum + entry.size, 0),
    tree,
    dropped: prepared.tree.dropped,
    acknowledged: prepared.gate.findings.filter((finding) => finding.status === 'acknowledged'),
    source: prepared.source,
    ...(prepared.sourceCommit ? { sourceCommit: prepared.sourceCommit } : {}),
    timings: { ...prepared.timings, commitMs },
  };
}

type PreparedExport = {
  source: string;
  sourceCommit?: string;
  tree: ExportTree;
  gate: ReturnType<typeof gateFindings>;
  timings: Omit<SnapshotTimings, 'commitMs'>;
};

async function prepareExport(source: SnapshotSource, options: ExportOptions): Promise<PreparedExport> {
  const t0 = performance.now();
  const materialized = await materializeSource(source, options.materialize);
  try {
    const t1 = performance.now();
    const tree = await buildExportTree(materialized.root, {
      ...(options.excludedPaths ? { excludedPaths: options.excludedPaths } : {}),
      ...(options.keptPaths ? { keptPaths: options.keptPaths } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const t2 = performance.now();
    const findings = await scanFiles(
      tree.files.map((file) => ({
        path: file.path,
        content: file.binary ? '' : file.content.toString('utf8'),
      })),
    );
    const gate = gateFindings(findings, options.acknowledgements ?? []);
    const t3 = performance.now();
    return {
      source: materialized.description,
      ...(materialized.sourceCommit ? { sourceCommit: materialized.sourceCommit } : {}),
      tree,
      gate,
      timings: { sourceMs: t1 - t0, treeMs: t2 - t1, scanMs: t3 - t2 },
    };
  } finally {
    await materialized.cleanup();
  }
}
