import { offsetIntoPairingMs } from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { GitAuthorizeInput, GitAuthorizeResult, PushEvent } from '../../platform/git/index.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { FailedAttempts } from './failed-attempts.ts';
import type { CandidateRepositoriesRepository } from './repository.ts';
import { credentialsMatch } from './repository-credentials.ts';
import type { CandidateRepositoriesService } from './service.ts';

const WRONG_CREDENTIALS = 'Wrong username or password for this repository.';
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
    private readonly failures: FailedAttempts,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  async authorize(input: GitAuthorizeInput): Promise<GitAuthorizeResult> {
    const waitMs = this.failures.retryAfterMs(input.slug, input.ip);
    if (waitMs > 0) {
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      return {
        ok: false,
        status: 403,
        reason: `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask your interviewer.`,
      };
    }
    const row = await this.repository.findBySlug(input.slug);
    const stored = row && { username: row.username, passwordHash: row.password_hash };
    // An unknown repository answers exactly like a wrong password, so slugs cannot be probed.
    if (!credentialsMatch(stored, input) || !row) {
      this.failures.record(input.slug, input.ip);
      return { ok: false, status: 401, reason: WRONG_CREDENTIALS };
    }
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
