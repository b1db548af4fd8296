import { offsetIntoPairingMs } from '@pairwise/domain';
import { DateTime } from 'luxon';
import { type BackoffPolicy, type FailureLimiter, waitInWords } from '../../platform/auth/failure-limiter.ts';
import type { GitAuthorizeInput, GitAuthorizeResult, PushEvent } from '../../platform/git/index.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { CandidateRepositoriesRepository } from './repository.ts';
import { credentialsMatch } from './repository-credentials.ts';
import type { CandidateRepositoriesService } from './service.ts';

const WRONG_CREDENTIALS = 'Wrong username or password for this repository.';

/**
 * Counted per repository credential and client address: candidates behind one office address
 * each have their own budget, a stranger guessing elsewhere never slows the candidate, and a
 * rotated password starts a fresh count. The 192-bit passwords, not this limit, make guessing
 * hopeless; the back-off keeps logs and CPU quiet.
 */
export const GIT_BACKOFF: BackoffPolicy = {
  // A candidate mistyping never gets near this; a script does within seconds.
  freeAttempts: 10,
  firstDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 24 * 3600_000,
};
/** Keeps the live event small: PostgreSQL NOTIFY carries at most 8000 bytes. */
const EVENT_COMMITS = 5;
const EVENT_REFS = 10;
const SUBJECT_LENGTH = 120;

/**
 * What the git endpoint (platform/git) asks of the app: may these credentials use this
 * repository now, and here is a push that happened. The window is read from the database on
 * every request, so it opens and closes on time without any job.
 */
export class CandidateGitAccess {
  constructor(
    private readonly repository: CandidateRepositoriesRepository,
    private readonly repositories: CandidateRepositoriesService,
    private readonly events: InterviewEventLog,
    private readonly failures: FailureLimiter,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  async authorize(input: GitAuthorizeInput): Promise<GitAuthorizeResult> {
    const row = await this.repository.findBySlug(input.slug);
    // The credential's generation is part of the key, so rotating the password resets the count.
    const key = row
      ? [input.slug, `generation-${row.credential_generation}`, input.ip]
      : [input.slug, input.ip];
    // Checked before the password, so a guess during the wait learns nothing.
    const { retryAfterMs: waitMs, counted } = await this.failures.check(key);
    if (waitMs > 0) {
      return {
        ok: false,
        status: 403,
        reason: `Too many wrong passwords. Try again in ${waitInWords(waitMs)}, or ask your interviewer.`,
      };
    }
    const stored = row && { username: row.username, passwordHash: row.password_hash };
    // An unknown repository answers exactly like a wrong password, so slugs cannot be probed.
    if (!credentialsMatch(stored, input) || !row) {
      await this.failures.recordFailure(key);
      return { ok: false, status: 401, reason: WRONG_CREDENTIALS };
    }
    if (counted) await this.failures.forget(key);
    const window = this.repositories.windowOf(row, row);
    if (window.state !== 'open') {
      return { ok: false, status: 403, reason: window.refusal ?? 'This repository is closed.' };
    }
    if (row.first_access_at === null || row.snapshot_commit === null) {
      // The first use fixes the starting point: seeded now if a snapshot arrived since planning.
      try {
        await this.repositories.ensure(row.interview_id);
      } catch (error) {
        this.log(`Could not prepare the repository of interview ${row.interview_id}`, error);
        return {
          ok: false,
          status: 403,
          reason: 'This repository is not ready. Please tell your interviewer.',
        };
      }
      await this.repository.markFirstAccess(row.interview_id, DateTime.utc().toISO());
    }
    return { ok: true, remoteUser: row.username };
  }

  /** Stores the push once (a replay after a crash repeats its id) and tells the live panel. */
  async recordPush(push: PushEvent): Promise<void> {
    const row = await this.repository.findBySlug(push.slug);
    if (!row) {
      this.log(`A push to ${push.slug} matches no interview; not recorded`, null);
      return;
    }
    const at = push.at.toISOString();
    const offsetMs = offsetIntoPairingMs(row.pairing_started_at, push.at.getTime());
    const commits = push.commits.map((commit) => ({
      sha: commit.sha,
      parents: commit.parents,
      author: commit.author,
      at: commit.at.toISOString(),
      message: commit.message,
      changes: commit.changes,
    }));
    await this.events.transaction(async (trx, record) => {
      if (await this.repository.pushExists(push.id, trx)) return;
      await this.repository.insertPush(
        {
          id: push.id,
          interview_id: row.interview_id,
          at,
          offset_ms: offsetMs,
          remote_user: push.remoteUser,
          refs: JSON.stringify(push.refs),
          commits: JSON.stringify(commits),
          commits_truncated: push.commitsTruncated ? 1 : 0,
        },
        trx,
      );
      await record({
        interviewId: row.interview_id,
        type: 'push_received',
        actorId: null,
        payload: {
          pushId: push.id,
          pushedAt: at,
          offsetMs,
          refs: push.refs.slice(0, EVENT_REFS).map((ref) => ref.ref),
          commitCount: push.commits.length,
          fileCount: new Set(push.commits.flatMap((commit) => commit.files)).size,
          commits: push.commits.slice(-EVENT_COMMITS).map((commit) => ({
            sha: commit.sha,
            subject: subjectOf(commit.message),
          })),
        },
      });
    });
  }
}

function subjectOf(message: string): string {
  const subject = message.split('\n', 1)[0] ?? '';
  return subject.length > SUBJECT_LENGTH ? `${subject.slice(0, SUBJECT_LENGTH - 1)}…` : subject;
}
