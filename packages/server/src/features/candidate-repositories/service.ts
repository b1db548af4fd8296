import type { Readable } from 'node:stream';
import {
  AppError,
  type CandidateRepositoryStatus,
  formatDateInZone,
  formatTimeInZone,
  guardDayOfStep,
  type MessageLocale,
  type PortalCloneBlock,
  type RepositoryDiff,
  type RepositoryFile,
  type RepositoryPush,
  type RepositoryTree,
  type RepositoryWindow,
  repositoryPush,
  translator,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import { type CandidateRepositoryStore, GitRepositoryError } from '../../platform/git/index.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InterviewsService } from '../interviews/service.ts';
import { taskRepositoryPath } from '../task-snapshots/snapshot-store.ts';
import { cloneBlock } from './clone-instructions.ts';
import type {
  CandidateRepositoriesRepository,
  CandidateRepositoryRow,
  PushRow,
  RepositoryInterviewFacts,
} from './repository.ts';
import {
  hashPassword,
  newRepositorySlug,
  newRepositoryUsername,
  type RepositoryCredentials,
} from './repository-credentials.ts';
import { isRunningStage, repositoryWindow, type WindowFacts } from './repository-window.ts';
import { emptyStartingPoint, type StartingPoint } from './starting-point.ts';

export interface CandidateRepositoriesOptions {
  dataDir: string;
  /** Where Pairwise keeps its own git state (the empty starting point). */
  gitStateDir: string;
  windowMinutes: number;
  publicUrl: () => string;
  log: (message: string, error: unknown) => void;
}

const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Each interview's own git repository: created at planning from the task's snapshot, opened to
 * the candidate's credentials only within the access window, and read by the panel through the
 * app (never through git). See git-access.ts for what the git endpoint asks of it.
 */
export class CandidateRepositoriesService {
  private readonly ensuring = new Map<string, Promise<unknown>>();
  private emptyStart: Promise<StartingPoint> | null = null;

  constructor(
    private readonly repositories: CandidateRepositoriesRepository,
    private readonly store: CandidateRepositoryStore,
    private readonly credentials: RepositoryCredentials,
    private readonly interviews: InterviewsService,
    private readonly events: InterviewEventLog,
    private readonly options: CandidateRepositoriesOptions,
  ) {}

  /**
   * Planning creates the repository after its transaction commits: git work is I/O that must
   * neither hold the transaction open nor make planning fail. Anything missed here is made up by
   * the next `ensure` (the status route, the first git request).
   */
  subscribe(events: InterviewEventLog): void {
    events.onCommitted((event) => {
      if (event.type !== 'planned' && event.type !== 'snapshot_chosen') return;
      this.ensure(event.interviewId).catch((error) =>
        this.options.log(`Could not prepare the repository of interview ${event.interviewId}`, error),
      );
    });
  }

  /**
   * Idempotent: the row with credentials, and the repository on disk seeded from the current
   * starting point. Until the candidate first uses it, a changed starting point (a snapshot
   * chosen or exported since) re-seeds it; after that it is never rewritten.
   */
  ensure(interviewId: string): Promise<CandidateRepositoryRow> {
    const previous = this.ensuring.get(interviewId) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => this.ensureNow(interviewId));
    this.ensuring.set(interviewId, run);
    void run
      .finally(() => {
        if (this.ensuring.get(interviewId) === run) this.ensuring.delete(interviewId);
      })
      .catch(() => {});
    return run;
  }

  /**
   * Resolves once no repository is being prepared, so no git work outlives the database at
   * shutdown; after `limitMs` it gives up rather than hold the shutdown on a hung git.
   */
  async idle(limitMs = 30_000): Promise<void> {
    const until = Date.now() + limitMs;
    while (this.ensuring.size > 0 && Date.now() < until) {
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise((resolve) => {
        timer = setTimeout(resolve, until - Date.now());
      });
      await Promise.race([Promise.allSettled([...this.ensuring.values()]), wait]);
      clearTimeout(timer);
    }
  }

  private async ensureNow(interviewId: string): Promise<CandidateRepositoryRow> {
    const facts = await this.repositories.interviewFacts(interviewId);
    if (!facts) throw new AppError('not_found', 'Interview was not found.');
    let row = (await this.repositories.find(interviewId)) ?? (await this.createRow(facts));
    const start = await this.startingPoint(facts);
    const exists = await this.store.exists(row.slug);
    if (exists && row.snapshot_commit === start.commit) return row;
    if (exists) {
      const used =
        row.first_access_at !== null || (await this.repositories.pushSummary(interviewId)).count > 0;
      if (used) return row;
      await this.store.delete(row.slug);
    }
    try {
      await this.store.create({ slug: row.slug, source: start.source, commit: start.commit });
    } catch (error) {
      // Another node created it between our check and now; the next ensure compares again.
      if (error instanceof GitRepositoryError && error.code === 'conflict') return row;
      throw toAppError(error);
    }
    const changes = {
      snapshot_id: start.snapshotId,
      snapshot_commit: start.commit,
      seeded_at: DateTime.utc().toISO(),
    };
    await this.repositories.update(interviewId, changes);
    row = { ...row, ...changes };
    return row;
  }

  private async createRow(facts: RepositoryInterviewFacts): Promise<CandidateRepositoryRow> {
    let slug = newRepositorySlug(facts.task_title);
    while (await this.repositories.slugTaken(slug)) slug = newRepositorySlug(facts.task_title);
    return this.repositories.insertIfAbsent({
      interview_id: facts.id,
      slug,
      username: newRepositoryUsername(),
      password_hash: hashPassword(this.credentials.password(facts.id, 1)),
      credential_generation: 1,
      credentials_rotated_at: null,
      snapshot_id: null,
      snapshot_commit: null,
      seeded_at: null,
      first_access_at: null,
      window_opened_at: null,
      window_closed_at: null,
      created_at: DateTime.utc().toISO(),
    });
  }

  private async startingPoint(facts: RepositoryInterviewFacts) {
    const snapshot = await this.repositories.startingSnapshot(facts);
    if (snapshot) {
      return {
        snapshotId: snapshot.id,
        source: taskRepositoryPath(this.options.dataDir, snapshot.task_id),
        commit: snapshot.commit,
      };
    }
    // Shared by every interview without a snapshot; made once per process.
    this.emptyStart ??= emptyStartingPoint(this.options.gitStateDir).catch((error) => {
      this.emptyStart = null;
      throw error;
    });
    return { snapshotId: null, ...(await this.emptyStart) };
  }

  windowOf(
    row: Pick<CandidateRepositoryRow, 'window_opened_at' | 'window_closed_at'>,
    facts: Omit<RepositoryInterviewFacts, 'id' | 'task_id' | 'task_title' | 'snapshot_id'>,
    now = new Date(),
  ): RepositoryWindow {
    const windowFacts: WindowFacts = {
      stage: facts.stage,
      startsAt: facts.starts_at,
      setupStartedAt: facts.setup_started_at,
      pairingStartedAt: facts.pairing_started_at,
      pairingMinutes: facts.pairing_minutes,
      pairingEndedAt: facts.pairing_ended_at,
      openedAt: row.window_opened_at,
      closedAt: row.window_closed_at,
      minutesBefore: this.options.windowMinutes,
      timeZone: facts.candidate_time_zone,
    };
    return repositoryWindow(windowFacts, now);
  }

  cloneUrl(slug: string): string {
    return `${this.options.publicUrl()}/git/${slug}.git`;
  }

  async status(actor: Actor, interviewId: string): Promise<CandidateRepositoryStatus> {
    const { roles } = await this.interviews.access(actor, interviewId, 'view');
    const row = await this.ensure(interviewId);
    const facts = (await this.repositories.interviewFacts(interviewId))!;
    const window = this.windowOf(row, facts);
    const pushes = await this.repositories.pushSummary(interviewId);
    const drives = roles.includes('navigator') || roles.includes('admin');
    return {
      slug: row.slug,
      cloneUrl: this.cloneUrl(row.slug),
      username: row.username,
      window,
      startingPoint: { snapshotId: row.snapshot_id, commit: row.snapshot_commit },
      firstAccessAt: row.first_access_at,
      credentialsRotatedAt: row.credentials_rotated_at,
      pushCount: pushes.count,
      lastPushAt: pushes.lastAt,
      cloneBlock: drives && window.state === 'open' ? this.block(row, facts, window) : null,
    };
  }

  /** "Invite to repository now" (open: true) and "Close the repository" (open: false). */
  async setWindow(
    actor: Actor,
    interviewId: string,
    open: boolean,
    startEarly = false,
  ): Promise<CandidateRepositoryStatus> {
    await this.interviews.access(actor, interviewId, 'drive');
    const row = await this.ensure(interviewId);
    const facts = (await this.repositories.interviewFacts(interviewId))!;
    const window = this.windowOf(row, facts);
    if (open === (window.state === 'open')) return this.status(actor, interviewId);
    if (open && (window.closedBy === 'alarm' || window.closedBy === 'pairing_ended')) {
      throw new AppError(
        'illegal_transition',
        'Pairing has ended, so the repository stays closed: the panel reviews what was pushed while pairing.',
      );
    }
    if (open && !isRunningStage(facts.stage)) {
      throw new AppError(
        'illegal_transition',
        'This interview is not running, so its repository stays closed.',
      );
    }
    // The repository is part of the day: opening it long before needs the same "start early".
    const early = open
      ? guardDayOfStep('Opening the repository', facts.starts_at, new Date(), startEarly).early
      : false;
    // Closing a window that has not opened yet would change nothing the candidate sees.
    if (!open && window.state !== 'open') return this.status(actor, interviewId);
    const now = DateTime.utc().toISO();
    await this.events.transaction(async (trx, record) => {
      await this.repositories.update(
        interviewId,
        open ? { window_opened_at: now, window_closed_at: null } : { window_closed_at: now },
        trx,
      );
      await record({
        interviewId,
        type: open ? 'repository_window_opened' : 'repository_window_closed',
        actorId: actor.id,
        payload: { by: 'navigator', ...(early ? { startedEarly: true } : {}) },
      });
    });
    return this.status(actor, interviewId);
  }

  /** A new password (the old one stops working at once), shown like the old one while the window is open. */
  async rotateCredentials(actor: Actor, interviewId: string): Promise<CandidateRepositoryStatus> {
    const { interview } = await this.interviews.access(actor, interviewId, 'drive');
    if (interview.pairing_ended_at) {
      throw new AppError(
        'illegal_transition',
        'Pairing has ended; the repository no longer needs credentials.',
      );
    }
    const row = await this.ensure(interviewId);
    const generation = row.credential_generation + 1;
    await this.events.transaction(async (trx, record) => {
      await this.repositories.update(
        interviewId,
        {
          credential_generation: generation,
          password_hash: hashPassword(this.credentials.password(interviewId, generation)),
          credentials_rotated_at: DateTime.utc().toISO(),
        },
        trx,
      );
      await record({
        interviewId,
        type: 'repository_credentials_rotated',
        actorId: actor.id,
        payload: { generation },
      });
    });
    return this.status(actor, interviewId);
  }

  /**
   * For the candidate portal (features/portal, `cloneBlock` hook): the instructions with the
   * password while the window is open, when it opens before, a request to delete the clone after.
   */
  async portalCloneInstructions(
    interviewId: string,
    locale: MessageLocale = 'en',
  ): Promise<PortalCloneBlock | null> {
    const row = await this.repositories.find(interviewId);
    const facts = await this.repositories.interviewFacts(interviewId);
    if (!row || !facts) return null;
    return this.block(row, facts, this.windowOf(row, facts), locale);
  }

  private block(
    row: CandidateRepositoryRow,
    facts: RepositoryInterviewFacts,
    window: RepositoryWindow,
    locale: MessageLocale = 'en',
  ): PortalCloneBlock {
    const target = { cloneUrl: this.cloneUrl(row.slug), slug: row.slug, username: row.username };
    const password =
      window.state === 'open' ? this.credentials.password(row.interview_id, row.credential_generation) : '';
    const opensAt = DateTime.fromISO(window.opensAt ?? facts.starts_at);
    const zone = facts.candidate_time_zone;
    const opening = translator(locale).t('repo.opening', {
      time: formatTimeInZone(opensAt, zone, locale),
      date: formatDateInZone(opensAt, zone, locale),
      zone,
    });
    return cloneBlock(target, window, password, opening, locale);
  }

  async pushes(actor: Actor, interviewId: string): Promise<RepositoryPush[]> {
    await this.interviews.access(actor, interviewId, 'view');
    return (await this.repositories.listPushes(interviewId)).map(toRepositoryPush);
  }

  async tree(actor: Actor, interviewId: string): Promise<RepositoryTree> {
    const row = await this.readable(actor, interviewId);
    return gitRead(async () => {
      const commit = (await this.store.resolve(row.slug, 'main')) ?? '';
      const entries = await this.store.listTree(row.slug, commit || 'main');
      return { commit, entries: entries.map(({ path, type, size }) => ({ path, type, size })) };
    });
  }

  async file(actor: Actor, interviewId: string, filePath: string): Promise<RepositoryFile> {
    const row = await this.readable(actor, interviewId);
    const file = await gitRead(() =>
      this.store.readFile(row.slug, 'main', filePath, { maxBytes: MAX_FILE_BYTES }),
    );
    // git's own test for binary content: a NUL byte near the start.
    const binary = file.content.subarray(0, 8000).includes(0);
    return {
      path: filePath,
      size: file.size,
      binary,
      truncated: file.truncated,
      content: binary ? '' : file.content.toString('utf8'),
    };
  }

  async diff(actor: Actor, interviewId: string): Promise<RepositoryDiff> {
    const row = await this.readable(actor, interviewId);
    return gitRead(() => this.store.diff(row.slug));
  }

  async archive(actor: Actor, interviewId: string): Promise<{ fileName: string; stream: Readable }> {
    const row = await this.readable(actor, interviewId);
    return { fileName: `${row.slug}.tar.gz`, stream: await gitRead(() => this.store.archive(row.slug)) };
  }

  /** The panel reads the code through the app, whatever the window says. */
  private async readable(actor: Actor, interviewId: string): Promise<CandidateRepositoryRow> {
    await this.interviews.access(actor, interviewId, 'view');
    return this.ensure(interviewId);
  }
}

function toRepositoryPush(row: PushRow): RepositoryPush {
  return {
    id: row.id,
    at: row.at,
    offsetMs: row.offset_ms,
    refs: parseJsonColumn(repositoryPush.shape.refs, row.refs),
    commits: parseJsonColumn(repositoryPush.shape.commits, row.commits),
    commitsTruncated: row.commits_truncated === 1,
  };
}

/** GitRepositoryError's codes are the domain's; anything else from git is a real failure. */
export function toAppError(error: unknown): unknown {
  return error instanceof GitRepositoryError ? new AppError(error.code, error.message) : error;
}

async function gitRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw toAppError(error);
  }
}
