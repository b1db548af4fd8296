import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  AppError,
  type ArchiveUpload,
  type ExportPreview,
  type exportRequest,
  type InterviewDetail,
  notFound,
  type SnapshotSourceInput,
  type Task,
  type TaskSnapshot,
  type TaskSnapshotDetail,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { TasksService } from '../tasks/tasks.ts';
import type { ArchiveUploads } from './archive-uploads.ts';
import type { GatedFinding } from './export-gate.ts';
import type { GitNetworkPolicy } from './git-destination.ts';
import { importSnapshot, previewExport } from './import-snapshot.ts';
import type { TaskSnapshotsRepository } from './repository.ts';
import type { SnapshotSource } from './snapshot-source.ts';
import { listSnapshotTree, snapshotArchive, taskRepositoryPath } from './snapshot-store.ts';
import { demoTaskDir, readTaskManifest } from './task-manifest.ts';

type ExportValues = z.output<typeof exportRequest>;
type ExportChoices = Omit<ExportValues, 'source'>;

export interface TaskSnapshotsOptions {
  dataDir: string;
  /** Folders non-admins may import from (TASK_IMPORT_ROOT). */
  importRoots: string[];
  /** Non-public destinations git URL imports may reach (TASK_IMPORT_GIT_ALLOW). */
  gitNetwork?: GitNetworkPolicy;
}

/** Stages in which an interview's starting point may still change: before the candidate sets up. */
const snapshotChoiceStages = new Set(['planned', 'invited']);

/**
 * A task's starting point: imported from a folder, a git repository or an uploaded archive,
 * exported secret-free as an immutable snapshot (one commit in the task repository), listed
 * with its tree. Everyone who may prepare tasks may do this; a server folder outside the
 * import roots is for admins only (see TASK_IMPORT_ROOT).
 */
export class TaskSnapshotsService {
  constructor(
    private readonly snapshots: TaskSnapshotsRepository,
    private readonly tasks: TasksService,
    private readonly interviews: InterviewsService,
    private readonly uploads: ArchiveUploads,
    private readonly options: TaskSnapshotsOptions,
  ) {}

  async preview(actor: Actor, taskId: string, request: ExportValues): Promise<ExportPreview> {
    await this.tasks.get(actor, taskId);
    const { source } = await this.resolveSource(actor, taskId, request.source);
    const preview = await previewExport(source, {
      ...exportOptions(request),
      materialize: { gitNetwork: this.gitNetwork() },
    });
    return {
      source: preview.source,
      fileCount: preview.fileCount,
      totalBytes: preview.totalBytes,
      tree: preview.tree,
      dropped: preview.dropped,
      findings: preview.findings.map(toFindingView),
      blockingCount: preview.blockingCount,
    };
  }

  /** Throws ExportBlockedError (422, the findings in `details`) while any finding blocks. */
  async export(actor: Actor, taskId: string, request: ExportValues): Promise<TaskSnapshotDetail> {
    await this.tasks.get(actor, taskId);
    const { source, uploadId, label } = await this.resolveSource(actor, taskId, request.source);
    const detail = await this.write(actor, taskId, source, request, label);
    if (uploadId) await this.uploads.remove(uploadId);
    return detail;
  }

  async list(actor: Actor, taskId: string): Promise<TaskSnapshot[]> {
    await this.tasks.get(actor, taskId);
    return this.snapshots.listForTask(taskId);
  }

  async get(actor: Actor, taskId: string, snapshotId: string): Promise<TaskSnapshotDetail> {
    const snapshot = await this.find(actor, taskId, snapshotId);
    const tree = await listSnapshotTree(this.repositoryPath(taskId), snapshot.commit);
    return { snapshot, tree };
  }

  /** The snapshot as a .tar.gz whose files sit in one `starting-point/` folder. */
  async archive(
    actor: Actor,
    taskId: string,
    snapshotId: string,
  ): Promise<{ fileName: string; data: Buffer }> {
    const snapshot = await this.find(actor, taskId, snapshotId);
    const data = await snapshotArchive(this.repositoryPath(taskId), snapshot.commit, 'starting-point');
    return { fileName: `starting-point-${snapshot.commit.slice(0, 12)}.tar.gz`, data };
  }

  /** `body` is the request body: a stream when it came as an archive content type. */
  async upload(
    actor: Actor,
    taskId: string,
    body: unknown,
    meta: { name?: string | undefined; declaredBytes?: number | undefined },
  ): Promise<ArchiveUpload> {
    await this.tasks.get(actor, taskId);
    if (!(body instanceof Readable)) {
      throw new AppError(
        'invalid_request',
        'Send the archive itself as the body, with Content-Type application/zip or application/gzip.',
      );
    }
    return this.uploads.save(
      {
        taskId,
        uploadedBy: actor.id,
        name: meta.name?.trim() || 'archive',
        ...(meta.declaredBytes !== undefined ? { declaredBytes: meta.declaredBytes } : {}),
      },
      body,
    );
  }

  /**
   * "Add the demo task": the bundled kata as a task with its first snapshot, in one step. Adding
   * it again returns the existing one rather than a second copy.
   */
  async addDemoTask(actor: Actor): Promise<{ task: Task; snapshot: TaskSnapshot; created: boolean }> {
    const demo = await readTaskManifest(demoTaskDir);
    const existing = (await this.tasks.list(actor)).find((task) => task.title === demo.task.title);
    const task = existing ?? (await this.tasks.create(actor, demo.task));
    const latest = existing && (await this.snapshots.latestForTask(task.id));
    if (latest) return { task, snapshot: latest, created: false };
    const { snapshot } = await this.write(
      actor,
      task.id,
      { kind: 'directory', path: demo.sourceDir },
      { excludedPaths: [], keptPaths: [], acknowledgements: [] },
      'the bundled demo task',
    );
    return { task, snapshot, created: !existing };
  }

  /** Points a planned interview at another snapshot of its task, e.g. after a fix was re-imported. */
  async chooseForInterview(actor: Actor, interviewId: string, snapshotId: string): Promise<InterviewDetail> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    if (!snapshotChoiceStages.has(interview.stage)) {
      throw new AppError(
        'illegal_transition',
        'The starting point can change only before the candidate sets up (planned or invited).',
      );
    }
    const snapshot = await this.snapshots.find(interview.task_id, snapshotId);
    if (!snapshot) {
      throw new AppError('unprocessable', 'Choose a snapshot of this interview’s task.', {
        snapshotId: 'Not a snapshot of this task.',
      });
    }
    if (interview.snapshot_id !== snapshotId) {
      await this.interviews.applyChange(
        actor,
        interview,
        interview.stage,
        { snapshot_id: snapshotId },
        { type: 'snapshot_chosen', payload: { snapshotId, commit: snapshot.commit } },
      );
    }
    return this.interviews.detail(actor, interviewId);
  }

  private gitNetwork(): GitNetworkPolicy {
    return this.options.gitNetwork ?? { allowed: [] };
  }

  private async write(
    actor: Actor,
    taskId: string,
    source: SnapshotSource,
    request: ExportChoices,
    label: string | undefined,
  ): Promise<TaskSnapshotDetail> {
    const snapshotId = randomUUID();
    const result = await importSnapshot({
      dataDir: this.options.dataDir,
      taskId,
      source,
      snapshotId,
      ...exportOptions(request),
      materialize: { gitNetwork: this.gitNetwork() },
    });
    const row = {
      id: snapshotId,
      task_id: taskId,
      commit: result.commit,
      source: label ? `${label}: ${result.source}` : result.source,
      file_count: result.fileCount,
      total_bytes: result.totalBytes,
      excluded_paths: JSON.stringify(request.excludedPaths),
      acknowledgements: JSON.stringify(
        result.acknowledged.map((finding) => ({
          path: finding.path,
          line: finding.line,
          ruleId: finding.ruleId,
          masked: finding.masked,
          reason: finding.status === 'acknowledged' ? finding.acknowledgement.reason : '',
          acknowledgedBy: actor.name,
        })),
      ),
      created_by: actor.id,
      created_at: DateTime.utc().toISO(),
    };
    await this.snapshots.insert(row);
    const snapshot = await this.snapshots.find(taskId, snapshotId);
    return { snapshot: snapshot!, tree: result.tree, dropped: result.dropped };
  }

  private async find(actor: Actor, taskId: string, snapshotId: string): Promise<TaskSnapshot> {
    await this.tasks.get(actor, taskId);
    const snapshot = await this.snapshots.find(taskId, snapshotId);
    if (!snapshot) throw notFound('Snapshot');
    return snapshot;
  }

  private repositoryPath(taskId: string): string {
    return taskRepositoryPath(this.options.dataDir, taskId);
  }

  private async resolveSource(
    actor: Actor,
    taskId: string,
    input: SnapshotSourceInput,
  ): Promise<{ source: SnapshotSource; uploadId?: string; label?: string }> {
    switch (input.kind) {
      case 'directory':
        await this.checkServerPath(actor, input.path, 'source.path');
        return { source: { kind: 'directory', path: input.path } };
      case 'git':
        if (isServerPath(input.url)) await this.checkServerPath(actor, serverPathOf(input.url), 'source.url');
        return { source: { kind: 'git', url: input.url, ...(input.ref ? { ref: input.ref } : {}) } };
      case 'archive': {
        const upload = await this.uploads.find(taskId, input.uploadId);
        return {
          source: {
            kind: 'archive',
            archivePath: upload.archivePath,
            limits: { maxArchiveBytes: this.uploads.limitBytes },
          },
          uploadId: input.uploadId,
          label: `upload "${upload.name}"`,
        };
      }
    }
  }

  /**
   * Reading a folder of the server is an admin's right; interviewers may read only below the
   * import roots. Symbolic links are resolved first, so a link in an import root cannot point out.
   */
  private async checkServerPath(actor: Actor, requested: string, field: string): Promise<void> {
    if (hasRole(actor, 'admin')) return;
    const resolved = path.resolve(requested);
    const real = await realpath(resolved).catch(() => resolved);
    for (const root of this.options.importRoots) {
      const realRoot = await realpath(root).catch(() => root);
      if (real === realRoot || real.startsWith(realRoot + path.sep)) return;
    }
    throw new AppError(
      'forbidden',
      `Interviewers may import folders of the server only from ${this.options.importRoots.join(' or ')}; an admin may import from anywhere. Or upload an archive, or give a git URL.`,
      { [field]: 'Not inside an import folder.' },
    );
  }
}

function exportOptions(request: ExportChoices) {
  return {
    excludedPaths: request.excludedPaths,
    keptPaths: request.keptPaths,
    acknowledgements: request.acknowledgements,
  };
}

// file:// URLs and absolute paths read the server's disk, like a directory import.
const isServerPath = (url: string) => url.startsWith('/') || /^file:\/\//i.test(url);
const serverPathOf = (url: string) => (url.startsWith('/') ? url : decodeURIComponent(new URL(url).pathname));

function toFindingView(finding: GatedFinding) {
  return {
    path: finding.path,
    line: finding.line,
    column: finding.column,
    ruleId: finding.ruleId,
    message: finding.message,
    masked: finding.masked,
    status: finding.status,
    reason: finding.status === 'acknowledged' ? finding.acknowledgement.reason : null,
  };
}
