import {
  CalibrationAccumulator,
  type CalibrationInterview,
  type CalibrationQuery,
  type CalibrationResponse,
  type CalibrationScorecard,
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
import type { CalibrationPeriod, CalibrationRepository, CalibrationScope } from './repository.ts';

// The stored JSON this page reads, each as far as the figures need it: an older lever pull
// without a direction counts as neither.
const leverPullPayload = z.object({ direction: z.string().optional() }).catch({});
const storedRatings = z.array(z.object({ attribute: z.string(), score: z.number() }));
const storedFocusAttributes = z.array(focusAttribute);

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
 */
/** Interviews per page: one page's reads and sums stay well under 20 ms of CPU at the scale bench's size. */
const PAGE_SIZE = 200;

export class CalibrationService {
  constructor(
    private readonly repository: CalibrationRepository,
    private readonly clock: Clock,
    /** Tests read in smaller pages, to check that the pages add up to the figures of one pass. */
    private readonly pageSize = PAGE_SIZE,
  ) {}

  async figures(actor: Actor, query: CalibrationQuery): Promise<CalibrationResponse> {
    const now = utcNow(this.clock);
    const to = query.to ?? now.toISODate();
    const from =
      query.from ?? DateTime.fromISO(to, { zone: 'utc' }).minus({ years: 1 }).plus({ days: 1 }).toISODate()!;
    const period: CalibrationPeriod = {
      from: `${from}T00:00:00.000Z`,
      until: DateTime.fromISO(to, { zone: 'utc' }).plus({ days: 1 }).toUTC().toISO()!,
    };
    const scope = scopeOf(actor);
    const figures = new CalibrationAccumulator(now.toISO());
    const words = new Map<string, number>();
    const resolutions = new Map<string, { findings: number; kept: number }>();
    const positionIds = new Set<string>();
    const taskIds = new Set<string>();
    // A page of interviews at a time, yielding between pages: a company's year is tens of thousands
    // of interviews, and neither SQLite's synchronous reads nor the sums may hold the event loop
    // for long while other requests wait.
    for (let after: { starts_at: string; id: string } | null = null; ; ) {
      const page = await this.repository.interviewPage(scope, period, after, this.pageSize);
      if (page.length === 0) break;
      const ids = page.map((row) => row.id);
      const [interviewRows, cardRows, pulls, pageResolutions, pageWords] = await Promise.all([
        this.repository.interviews(ids),
        this.repository.scorecards(ids),
        this.repository.leverPulls(ids),
        this.repository.biasResolutions(ids),
        this.repository.wordsByAuthor(ids),
      ]);
      const pullsOf = new Map<string, { easier: number; harder: number }>();
      for (const pull of pulls) {
        const { direction } = parseJsonColumn(leverPullPayload, pull.payload);
        if (direction !== 'easier' && direction !== 'harder') continue;
        const counts = pullsOf.get(pull.interview_id) ?? { easier: 0, harder: 0 };
        counts[direction] += 1;
        pullsOf.set(pull.interview_id, counts);
      }
      const interviews: CalibrationInterview[] = interviewRows.map((row) => ({
        id: row.id,
        positionId: row.position_id,
        taskId: row.task_id,
        outcome: (row.outcome as DecisionOutcome | null) ?? null,
        decidedAt: row.decided_at ?? null,
        deadline: row.deadline ?? null,
        pairingMinutes: minutesBetween(row.pairing_started_at, row.pairing_ended_at),
        leverPulls: pullsOf.get(row.id) ?? { easier: 0, harder: 0 },
      }));
      const refinementStart = new Map(interviewRows.map((row) => [row.id, row.refinement_started_at]));
      const scorecards: CalibrationScorecard[] = cardRows.map((row) => ({
        interviewId: row.interview_id,
        authorId: row.author_id,
        recommendation: (row.recommendation as Recommendation | null) ?? null,
        ratings: parseJsonColumn(storedRatings, row.ratings).map(({ attribute, score }) => ({
          attribute,
          score,
        })),
        refinementMinutes: minutesBetween(refinementStart.get(row.interview_id) ?? null, row.submitted_at),
      }));
      figures.add(interviews, scorecards);
      for (const interview of interviews) {
        positionIds.add(interview.positionId);
        taskIds.add(interview.taskId);
      }
      for (const [authorId, count] of pageWords) words.set(authorId, (words.get(authorId) ?? 0) + count);
      for (const row of pageResolutions) {
        const sums = resolutions.get(row.author_id) ?? { findings: 0, kept: 0 };
        sums.findings += Number(row.findings ?? 0);
        sums.kept += Number(row.kept ?? 0);
        resolutions.set(row.author_id, sums);
      }
      if (page.length < this.pageSize) break;
      after = page.at(-1)!;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const positions = await this.repository.positions(scope);

    const interviewerIds = scope.kind === 'own' ? [scope.userId] : figures.authors();
    const calibration = figures.result(
      interviewerIds,
      // Everyone who wrote counts, so no findings in many words reads as zero, not as unknown.
      [...new Set([...words.keys(), ...resolutions.keys()])].map((authorId) => ({
        authorId,
        findings: resolutions.get(authorId)?.findings ?? 0,
        kept: resolutions.get(authorId)?.kept ?? 0,
        words: words.get(authorId) ?? 0,
      })),
    );

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

function minutesBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : null;
}

/** Three decimals: enough to compare interviewers, and the same on both databases. */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/**
 * The same figures as a long table (one measure per row), which every spreadsheet can pivot;
 * interviewers below the minimum appear with their count only.
 */
export function calibrationCsv(figures: CalibrationResponse): string {
  const rows: Array<Array<string | number | null>> = [['section', 'subject', 'detail', 'measure', 'value']];
  const label = new Map(figures.attributes.map((a) => [a.id, a.label]));
  for (const row of figures.interviewers) {
    rows.push(['interviewer', row.name, '', 'interviews', row.interviews]);
    const f = row.figures;
    if (!f) continue;
    rows.push(['interviewer', row.name, '', 'leniency', f.leniency]);
    for (const a of f.attributes) {
      const attribute = label.get(a.attribute) ?? a.attribute;
      rows.push(['interviewer', row.name, attribute, 'leniency', a.leniency]);
      a.own.forEach((count, i) => {
        rows.push(['interviewer', row.name, attribute, `rated ${i + 1}`, count]);
      });
      a.coPanel.forEach((count, i) => {
        rows.push(['interviewer', row.name, attribute, `co-panelists rated ${i + 1}`, count]);
      });
    }
    for (const [recommendation, count] of Object.entries(f.recommendations)) {
      rows.push(['interviewer', row.name, '', `recommended ${recommendation}`, count]);
    }
    rows.push(['interviewer', row.name, '', 'bias findings per 1000 words', f.biasFindingsPer1000Words]);
    rows.push(['interviewer', row.name, '', 'bias findings kept (share)', f.biasKeptShare]);
    rows.push(['interviewer', row.name, '', 'mean refinement minutes', f.meanRefinementMinutes]);
    rows.push(['interviewer', row.name, '', 'mean pairing minutes', f.meanPairingMinutes]);
    rows.push(['interviewer', row.name, '', 'deadlines met', f.deadlines.met]);
    rows.push(['interviewer', row.name, '', 'deadlines due', f.deadlines.due]);
  }
  for (const row of figures.agreement) {
    const attribute = label.get(row.attribute) ?? row.attribute;
    rows.push(['agreement', attribute, '', "Krippendorff's alpha (ordinal)", row.alpha]);
    rows.push(['agreement', attribute, '', 'interviews rated by two or more', row.units]);
  }
  for (const row of figures.byTaskAndPosition) {
    const subject = `${row.positionTitle} / ${row.taskTitle}`;
    rows.push(['task and position', subject, '', 'interviews', row.interviews]);
    for (const [outcome, count] of Object.entries(row.outcomes)) {
      rows.push(['task and position', subject, '', `outcome ${outcome}`, count]);
    }
    rows.push(['task and position', subject, '', 'lever pulls easier', row.leverPulls.easier]);
    rows.push(['task and position', subject, '', 'lever pulls harder', row.leverPulls.harder]);
  }
  for (const position of figures.survey) {
    for (const month of position.months) {
      rows.push(['survey', position.title, month.month, 'responses', month.responses]);
      rows.push(['survey', position.title, month.month, 'average score', month.averageScore]);
    }
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
