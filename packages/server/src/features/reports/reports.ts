import {
  AppError,
  dayDurationsOf,
  daysUntil,
  decisionRefusal,
  type decisionRequest,
  discloseEvents,
  impressionsIn,
  type Note,
  type NotePageQuery,
  nextStage,
  phaseLengths,
  type Report,
  reportRefusal,
  reportsApi,
  visibleAuthorIds,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { implement } from '../../platform/http/route.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import { can } from '../interviews/policy.ts';
import type { InterviewsRepository } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { NotesRepository } from '../notes/repository.ts';
import { NOTE_PAGE_BYTES } from '../notes/service.ts';
import type { RetrospectivesService } from '../retrospectives/retrospectives.ts';
import type { ScorecardsService } from '../scorecards/scorecards.ts';
import type { ReportsRepository } from './repository.ts';

/** Most interviews' notes fit on the report's first page; a long one's continue on `notesPage`. */
const REPORT_NOTES_FIRST_PAGE = 100;

/** What the line manager acts on: everything the panel recorded, once the impression is in. */
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly interviews: InterviewsService,
    private readonly notes: NotesRepository,
    private readonly retrospectives: RetrospectivesService,
    private readonly scorecards: ScorecardsService,
    private readonly interviewsRepository: InterviewsRepository,
    private readonly log: InterviewEventLog,
  ) {}

  /**
   * The report with the first page of its notes (the rest through `notesPage`), or, for an export
   * that must hold everything, with `notes: 'all'`.
   */
  async get(actor: Actor, interviewId: string, notes: 'first_page' | 'all' = 'first_page'): Promise<Report> {
    const access = await this.readable(actor, interviewId);
    const { interview, roles, process, reader } = access;
    // Notes and scorecards of members who have not submitted never reach the report.
    const visible = new Set(visibleAuthorIds(process, reader));
    const submitted = new Set(process.panel.filter((m) => m.submitted).map((m) => m.id));
    // Only what the report shows, on the access checked above: not the interview detail, whose
    // preparation, calendar and reassignment reads (and second reads of the interview and its
    // panel) the report never used. Independent reads, together: PostgreSQL's pool runs them at once.
    const [heading, events, notesPage, retrospective, scorecards] = await Promise.all([
      this.repository.heading(interviewId),
      this.interviewsRepository.events(interviewId),
      notes === 'all'
        ? this.notes.list(interviewId).then((all) => ({
            notes: all.filter((note) => visible.has(note.authorId)),
            nextCursor: null,
          }))
        : this.notes.page(interviewId, [...visible], {
            limit: REPORT_NOTES_FIRST_PAGE,
            maxBytes: NOTE_PAGE_BYTES / 2,
          }),
      this.retrospectives.read(interviewId),
      this.scorecards.list(interviewId),
    ]);
    if (!heading) throw new AppError('not_found', 'Interview was not found.');
    // As the interview detail shows them: what the reader's roles may see of each event.
    const shown = discloseEvents(events, roles);
    const deadline = retrospective?.deadline ?? null;
    const reportedAt = shown.find((event) => event.type === 'reported')?.at ?? null;
    return {
      interviewId,
      candidateName: heading.candidateName,
      positionTitle: heading.positionTitle,
      taskTitle: heading.taskTitle,
      navigatorName: heading.navigatorName,
      startsAt: interview.starts_at,
      stage: interview.stage,
      deadline,
      daysLeft: deadline ? daysUntil(deadline, new Date(), interview.time_zone) : null,
      notes: notesPage.notes,
      notesNextCursor: notesPage.nextCursor,
      retrospective,
      scorecards: scorecards.filter(
        (card) => card.submittedAt && submitted.has(card.authorId) && visible.has(card.authorId),
      ),
      impressionsIn: impressionsIn(process),
      phaseLengths: phaseLengths({
        pairingStartedAt: interview.pairing_started_at,
        pairingEndedAt: interview.pairing_ended_at,
        pairingMinutes: interview.pairing_minutes,
        breakStartedAt: interview.break_started_at,
        retrospectiveStartedAt: interview.retrospective_started_at,
        refinementStartedAt: interview.refinement_started_at,
        reportedAt,
        breakMinutes: dayDurationsOf(interview.day_durations).breakMinutes,
        refinementMinutes: dayDurationsOf(interview.day_durations).refinementTimerMinutes,
      }),
      decision: heading.decision,
      events: shown,
      canDecide: can(roles, 'decide') && interview.stage === 'reported',
    };
  }

  /** The report's notes after the first page, to whoever may read the report. */
  async notesPage(
    actor: Actor,
    interviewId: string,
    query: NotePageQuery,
  ): Promise<{ notes: Note[]; nextCursor: string | null }> {
    const { process, reader } = await this.readable(actor, interviewId);
    return this.notes.page(interviewId, visibleAuthorIds(process, reader), {
      after: query.cursor,
      limit: query.limit,
      maxBytes: NOTE_PAGE_BYTES,
    });
  }

  private async readable(actor: Actor, interviewId: string) {
    const access = await this.interviews.accessWithPanel(actor, interviewId, 'view');
    const refusal = reportRefusal(access.process, access.reader);
    if (refusal) throw refusal;
    return access;
  }

  async decide(
    actor: Actor,
    interviewId: string,
    request: z.output<typeof decisionRequest>,
  ): Promise<Report> {
    const { interview, process } = await this.interviews.accessWithPanel(actor, interviewId, 'decide');
    const stage = interview.stage;
    const override = request.proceedWithoutPanel ?? null;
    const refusal = decisionRefusal(process, override);
    if (refusal) throw refusal;
    const next = nextStage(stage, 'decide');
    const missing = impressionsIn(process).missing.map((member) => member.name);
    // The reason is kept only when it was needed: a complete panel needs no override.
    const proceeded = missing.length > 0 && override ? override.reason : null;
    await this.log.transaction(async (trx, record) => {
      if (!(await this.interviewsRepository.updateIfStage(interviewId, stage, { stage: next }, trx))) {
        throw new AppError('conflict', 'The interview changed meanwhile; reload.');
      }
      await this.repository.insertDecision(
        {
          interviewId,
          outcome: request.outcome,
          note: request.note,
          decidedBy: actor.id,
          decidedAt: DateTime.utc().toISO(),
          proceededWithoutPanel: proceeded ? { reason: proceeded, missing } : null,
        },
        trx,
      );
      await record({
        interviewId,
        type: 'decided',
        actorId: actor.id,
        payload: {
          from: stage,
          to: next,
          outcome: request.outcome,
          ...(proceeded ? { proceededWithoutPanel: { reason: proceeded, missing } } : {}),
        },
      });
    });
    return this.get(actor, interviewId);
  }
}

export function reportsRoutes(reports: ReportsService) {
  return [
    implement(reportsApi.get, {
      summary: 'The report for the line manager',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ report: await reports.get(actor, params.id) }),
    }),
    implement(reportsApi.notes, {
      summary: "The report's notes a page at a time, after the first page the report carries",
      access: 'signed_in',
      handler: async ({ actor, params, query }) => reports.notesPage(actor, params.id, query),
    }),
    implement(reportsApi.decide, {
      summary: "Record the line manager's decision",
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({ report: await reports.decide(actor, params.id, body) }),
    }),
  ];
}
