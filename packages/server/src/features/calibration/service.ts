import { randomUUID } from 'node:crypto';
import {
  CalibrationAccumulator,
  type CalibrationInterview,
  type CalibrationQuery,
  type CalibrationResponse,
  type CalibrationScorecard,
  type CalibrationSums,
  type DecisionOutcome,
  focusAttribute,
  MINIMUM_INTERVIEWS_TO_CALIBRATE,
  type Recommendation,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { type Clock, utcNow } from '../../platform/clock.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import { MINIMUM_ANSWERS_TO_SHOW } from '../candidate-feedback/candidate-feedback.ts';
import { bucketsOf, forMember, type KeptRow, ParsedSums, PeriodTotal } from './kept-sums.ts';
import type { CalibrationRepository, CalibrationScope } from './repository.ts';
import { groupBy, minutesBetween, round } from './row-figures.ts';

// The stored JSON this page reads, each as far as the figures need it: an older lever pull
// without a direction counts as neither.
const leverPullPayload = z.object({ direction: z.string().optional() }).catch({});
const storedRatings = z.array(z.object({ attribute: z.string(), score: z.number() }));
const storedFocusAttributes = z.array(focusAttribute);
const counts = z.record(z.string(), z.number());
const numbers = z.array(z.number());
const storedSums: z.ZodType<CalibrationSums> = z.object({
  interviewers: z.record(z.string(), z.object({ n: numbers, a: z.record(z.string(), numbers), p: counts })),
  agreement: z.record(z.string(), z.object({ coincidences: counts, units: z.number(), ratings: z.number() })),
  groups: z.record(z.string(), numbers),
  bias: z.record(z.string(), numbers),
});
const storedScopes = z.array(z.string());

/**
 * The calibration page's figures for one period, computed from what the reader may see:
 *
 * - an admin: every interview;
 * - a line manager: the interviews for the positions they manage, everyone's rows on them;
 * - an interviewer: their own row only, and every other figure (agreement, outcomes and lever
 *   pulls per task and position, the survey) only from the interviews they sat on the panel of,
 *   whose report and decision they already read. Another interviewer's figures never reach them:
 *   no row of theirs, and no aggregate over interviews the reader was not on.
 *
 * The broadest role decides: a line manager who also interviews sees their positions.
 *
 * The figures are read from sums kept per scope and month or day (decision 045): each interview's
 * own sums are computed when the database has marked it changed, added into the sums of everyone,
 * its position and each member of its panel, and a period adds its whole months and the days of
 * the months it covers only in part. Interviews marked changed are summed again before a period
 * is read, so an answer reflects every change committed before the request; during a backfill
 * the answer says how many interviews it leaves out instead (decision 052).
 */
/**
 * Interviews summed at once, the event loop free between pages. Summing costs ~1.3 ms of CPU an
 * interview at the scale bench's size, so a page of 200 held the loop ~250 ms during a backfill;
 * 25 keep a page near 30 ms.
 */
const PAGE_SIZE = 25;
/** Above this many marked interviews (a backfill), they are summed in start order, a few days at a time. */
const BACKFILL_AT = 1_000;
/**
 * Rows of sums kept parsed in memory, by revision: an admin's year is 26 rows, each scope of a line
 * manager's or an interviewer's as many; parsing them through their schema was most of a request's
 * CPU. A month's row of everyone holds ~30 kB of JSON at the scale bench's size.
 */
const PARSED_ROWS = 2_000;
/** Periods kept added up: each reader's default year, and a few others being looked at. */
const PERIOD_TOTALS = 64;

export class CalibrationService {
  private refreshing: Promise<void> | null = null;
  private readonly parsed = new ParsedSums(PARSED_ROWS);
  /** Periods added up, by scopes and days, the least recently made first out. */
  private readonly totals = new Map<string, PeriodTotal>();

  constructor(
    private readonly repository: CalibrationRepository,
    private readonly clock: Clock,
    /** Tests sum in smaller pages, to check that the pages add up to the figures of one pass. */
    private readonly pageSize = PAGE_SIZE,
    /** Tests start a backfill with fewer marks. */
    private readonly backfillAt = BACKFILL_AT,
  ) {}

  /**
   * Sums again every interview marked changed, a page at a time, yielding between pages; callers
   * at the same time share one pass, and one that joined a pass already under way runs another,
   * so marks committed before it asked are never left behind.
   */
  async refreshStale(): Promise<void> {
    const joined = this.refreshing !== null;
    await this.refreshOnce();
    if (joined) await this.refreshOnce();
  }

  /**
   * Before figures are read: a few marked interviews are summed first, so the answer reflects every
   * change committed before the request. Above BACKFILL_AT marks a backfill is under way, minutes
   * of work the job does a page at a time; the figures are answered from what is summed, saying
   * how many interviews they leave out, instead of making the reader wait for all of it.
   */
  private async settle(): Promise<number> {
    const marked = await this.repository.staleCount();
    if (marked > this.backfillAt) return marked;
    // Nothing marked before the request: no pass to run (it would count the marks again and read
    // an empty page, two round trips of the request's eight on PostgreSQL).
    if (marked > 0) await this.refreshStale();
    return 0;
  }

  private refreshOnce(): Promise<void> {
    this.refreshing ??= this.drain().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async drain(): Promise<void> {
    if ((await this.repository.staleCount()) > this.backfillAt) {
      for (let after: { starts_at: string; id: string } | null = null; ; ) {
        const page = await this.repository.staleInStartOrder(after, this.pageSize);
        if (page.length === 0) break;
        await this.refresh(page.map((row) => ({ interviewId: row.id, version: Number(row.version) })));
        if (page.length < this.pageSize) break;
        after = page.at(-1)!;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    // What is left: a few changes, interviews deleted, and those changed again while summed.
    for (;;) {
      const page = await this.repository.stalePage(this.pageSize);
      if (page.length === 0) break;
      await this.refresh(
        page.map((row) => ({ interviewId: row.interview_id, version: Number(row.version) })),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** One page of marked interviews: each one's sums computed from its rows, then applied. */
  private async refresh(marked: ReadonlyArray<{ interviewId: string; version: number }>): Promise<void> {
    const ids = marked.map((entry) => entry.interviewId);
    const [interviewRows, shadowRows, cardRows, pulls, resolutions, words] = await Promise.all([
      this.repository.interviews(ids),
      this.repository.shadows(ids),
      this.repository.scorecards(ids),
      this.repository.leverPulls(ids),
      this.repository.biasResolutions(ids),
      this.repository.wordsByAuthor(ids),
    ]);
    const pullsOf = new Map<string, { easier: number; harder: number }>();
    for (const pull of pulls) {
      const { direction } = parseJsonColumn(leverPullPayload, pull.payload);
      if (direction !== 'easier' && direction !== 'harder') continue;
      const counted = pullsOf.get(pull.interview_id) ?? { easier: 0, harder: 0 };
      counted[direction] += 1;
      pullsOf.set(pull.interview_id, counted);
    }
    const interviewOf = new Map(interviewRows.map((row) => [row.id, row]));
    const cardsOf = groupBy(cardRows, (row) => row.interview_id);
    const shadowsOf = groupBy(shadowRows, (row) => row.interview_id);
    const resolutionsOf = groupBy(resolutions, (row) => row.interview_id);
    const computed = marked.map(({ interviewId, version }) => {
      const row = interviewOf.get(interviewId);
      // Deleted, or never reached pairing: it counts nowhere.
      if (!row) return { interviewId, version, contribution: null };
      const interview: CalibrationInterview = {
        id: row.id,
        positionId: row.position_id,
        taskId: row.task_id,
        outcome: (row.outcome as DecisionOutcome | null) ?? null,
        decidedAt: row.decided_at ?? null,
        deadline: row.deadline ?? null,
        pairingMinutes: minutesBetween(row.pairing_started_at, row.pairing_ended_at),
        leverPulls: pullsOf.get(row.id) ?? { easier: 0, harder: 0 },
      };
      const scorecards: CalibrationScorecard[] = (cardsOf.get(interviewId) ?? []).map((card) => ({
        interviewId,
        authorId: card.author_id,
        recommendation: (card.recommendation as Recommendation | null) ?? null,
        ratings: parseJsonColumn(storedRatings, card.ratings).map(({ attribute, score }) => ({
          attribute,
          score,
        })),
        refinementMinutes: minutesBetween(row.refinement_started_at, card.submitted_at),
      }));
      const figures = new CalibrationAccumulator('');
      figures.add([interview], scorecards);
      for (const [authorId, count] of words.get(interviewId) ?? []) {
        figures.addBias(authorId, { words: count, findings: 0, kept: 0 });
      }
      for (const resolution of resolutionsOf.get(interviewId) ?? []) {
        figures.addBias(resolution.author_id, {
          words: 0,
          findings: Number(resolution.findings ?? 0),
          kept: Number(resolution.kept ?? 0),
        });
      }
      const members = new Set([
        row.navigator_id,
        ...(shadowsOf.get(interviewId) ?? []).map((s) => s.user_id),
      ]);
      const scopes = ['all', `position:${row.position_id}`, ...[...members].map((m) => `member:${m}`)];
      return {
        interviewId,
        version,
        contribution: {
          day: row.starts_at.slice(0, 10),
          scopes: JSON.stringify(scopes),
          sums: JSON.stringify(figures.sums()),
        },
      };
    });
    await this.repository.apply(computed, async (current, old, readSums) => {
      // What changes, per scope and bucket: the old contributions out, the new ones in.
      const changes = new Map<string, { scope: string; bucket: string; delta: CalibrationAccumulator }>();
      const add = (contribution: { day: string; scopes: string; sums: string }, sign: 1 | -1) => {
        const sums = parseJsonColumn(storedSums, contribution.sums);
        for (const scope of parseJsonColumn(storedScopes, contribution.scopes)) {
          const part = scope.startsWith('member:') ? forMember(sums, scope.slice('member:'.length)) : sums;
          for (const bucket of [contribution.day.slice(0, 7), contribution.day]) {
            const key = `${scope}\u0000${bucket}`;
            let change = changes.get(key);
            if (!change) {
              change = { scope, bucket, delta: new CalibrationAccumulator('') };
              changes.set(key, change);
            }
            change.delta.addSums(part, sign);
          }
        }
      };
      for (const contribution of old) add(contribution, -1);
      for (const entry of current) if (entry.contribution) add(entry.contribution, 1);
      const changed = [...changes.values()].filter((change) => !change.delta.isEmpty());
      const existing = new Map(
        (await readSums(changed)).map((row) => [`${row.scope}\u0000${row.bucket}`, row]),
      );
      return changed.map(({ scope, bucket, delta }) => {
        const key = `${scope}\u0000${bucket}`;
        const total = new CalibrationAccumulator('');
        const before = existing.get(key);
        if (before)
          total.addSums(this.parsed.get(key, before.revision) ?? parseJsonColumn(storedSums, before.sums));
        total.addSums(delta.sums());
        const revision = randomUUID();
        if (total.isEmpty()) {
          this.parsed.delete(key);
          return { scope, bucket, revision, sums: null };
        }
        const sums = total.sums();
        this.parsed.set(key, revision, sums);
        return { scope, bucket, revision, sums: JSON.stringify(sums) };
      });
    });
  }

  async figures(actor: Actor, query: CalibrationQuery): Promise<CalibrationResponse> {
    const now = utcNow(this.clock);
    const to = query.to ?? now.toISODate();
    const from =
      query.from ?? DateTime.fromISO(to, { zone: 'utc' }).minus({ years: 1 }).plus({ days: 1 }).toISODate()!;
    const scope = scopeOf(actor);
    const pending = await this.settle();
    const positions = await this.repository.positions(scope);
    const scopes =
      scope.kind === 'all'
        ? ['all']
        : scope.kind === 'positions'
          ? positions.map((position) => `position:${position.id}`)
          : [`member:${scope.userId}`];
    const parts = bucketsOf(from, to);
    const signOf = new Map(parts.map((part) => [part.bucket, part.sign]));
    // Rows this server parsed before, at the same revision, are not read or parsed again.
    const rows = await this.repository.revisions(
      scopes,
      parts.map((part) => part.bucket),
    );
    const missing = rows.filter((row) => !this.parsed.get(`${row.scope}\u0000${row.bucket}`, row.revision));
    for (const row of await this.repository.sums(missing)) {
      this.parsed.set(`${row.scope}\u0000${row.bucket}`, row.revision, parseJsonColumn(storedSums, row.sums));
    }
    const current: KeptRow[] = [];
    for (const row of rows) {
      const key = `${row.scope}\u0000${row.bucket}`;
      const sums =
        this.parsed.get(key, row.revision) ??
        // Written again since the revisions were read: this request reads it once more.
        parseJsonColumn(
          storedSums,
          (await this.repository.sums([row])).find((found) => found.revision === row.revision)?.sums ??
            '{"interviewers":{},"agreement":{},"groups":{},"bias":{}}',
        );
      current.push({ key, revision: row.revision, sign: signOf.get(row.bucket)!, sums });
    }
    // The period's rows added up, kept from the last request for it and brought up to date by the
    // rows written since; from here to the result nothing awaits, so no other request sees it half done.
    const periodKey = `${[...scopes].sort().join(' ')}\u0000${from}\u0000${to}`;
    let total = this.totals.get(periodKey);
    if (!total) {
      total = new PeriodTotal();
      this.totals.set(periodKey, total);
      if (this.totals.size > PERIOD_TOTALS) this.totals.delete(this.totals.keys().next().value!);
    }
    const figures = total.update(current);

    const interviewerIds = scope.kind === 'own' ? [scope.userId] : figures.authors();
    const calibration = figures.result(interviewerIds, undefined, now.toISO());
    const positionIds = new Set(calibration.byTaskAndPosition.map((row) => row.positionId));
    const taskIds = new Set(calibration.byTaskAndPosition.map((row) => row.taskId));

    const surveyPositions = scope.kind === 'all' ? 'all' : [...positionIds];
    const [users, tasks, survey] = await Promise.all([
      this.repository.users(interviewerIds),
      this.repository.tasks([...taskIds]),
      this.repository.survey(
        scope.kind === 'positions' ? positions.map((position) => position.id) : surveyPositions,
        from.slice(0, 7),
        to.slice(0, 7),
      ),
    ]);
    const nameOf = new Map(users.map((user) => [user.id, user.name]));
    const taskTitle = new Map(tasks.map((task) => [task.id, task.title]));
    const positionTitle = new Map(positions.map((position) => [position.id, position.title]));
    const labels = new Map<string, string>();
    for (const position of positions) {
      for (const attribute of parseJsonColumn(storedFocusAttributes, position.focus_attributes)) {
        if (!labels.has(attribute.id)) labels.set(attribute.id, attribute.label);
      }
    }
    const rated = new Set(calibration.agreement.map((row) => row.attribute));
    for (const row of calibration.interviewers) for (const a of row.attributes) rated.add(a.attribute);

    return {
      from,
      to,
      scope: scope.kind,
      pending,
      minimumInterviews: MINIMUM_INTERVIEWS_TO_CALIBRATE,
      minimumSurveyAnswers: MINIMUM_ANSWERS_TO_SHOW,
      attributes: [...rated].sort().map((id) => ({ id, label: labels.get(id) ?? id })),
      interviewers: calibration.interviewers
        .map(({ interviewerId, interviews: count, enough, ...rest }) => ({
          interviewerId,
          name: nameOf.get(interviewerId) ?? '',
          interviews: count,
          figures: enough
            ? {
                ...rest,
                attributes: rest.attributes.map((a) => ({ ...a, leniency: round(a.leniency) })),
                leniency: round(rest.leniency),
                biasFindingsPer1000Words: round(rest.biasFindingsPer1000Words),
                biasKeptShare: round(rest.biasKeptShare),
                meanRefinementMinutes: round(rest.meanRefinementMinutes),
                meanPairingMinutes: round(rest.meanPairingMinutes),
              }
            : null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      agreement: calibration.agreement.map((row) => ({ ...row, alpha: round(row.alpha) })),
      byTaskAndPosition: calibration.byTaskAndPosition
        .map((row) => ({
          ...row,
          positionTitle: positionTitle.get(row.positionId) ?? '',
          taskTitle: taskTitle.get(row.taskId) ?? '',
        }))
        .sort((a, b) =>
          `${a.positionTitle} ${a.taskTitle}`.localeCompare(`${b.positionTitle} ${b.taskTitle}`),
        ),
      survey: [...new Set(survey.map((row) => row.position_id))].map((positionId) => ({
        positionId,
        title: positionTitle.get(positionId) ?? '',
        months: survey
          .filter((row) => row.position_id === positionId)
          .map((row) => {
            const responses = Number(row.responses);
            const shown = responses >= MINIMUM_ANSWERS_TO_SHOW;
            return {
              month: row.month,
              responses,
              shown,
              averageScore: shown ? round(Number(row.score_sum) / responses) : null,
            };
          }),
      })),
    };
  }
}

function scopeOf(actor: Actor): CalibrationScope {
  if (hasRole(actor, 'admin')) return { kind: 'all' };
  if (hasRole(actor, 'line_manager')) return { kind: 'positions', lineManagerId: actor.id };
  return { kind: 'own', userId: actor.id };
}
