import {
  availableActions,
  candidateRelationsOf,
  dayDurationsOf,
  discloseEvents,
  type InterviewDetail,
  type InterviewRole,
  type ProcessFacts,
  panelMemberState,
  phaseEndsAt,
  planningReadiness,
  previewedActions,
  type Reader,
  readerPanelState,
  seesCandidateAccommodations,
  seesCandidateCircumstances,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { TaskPreparationReadiness } from '../rehearsals/readiness.ts';
import {
  checklistOf,
  difficultyPlanOf,
  focusAttributesOf,
  type InterviewRow,
  type InterviewsRepository,
  leversOf,
} from './repository.ts';

/** Everything the detail view is built from, loaded by the service after the access check. */
export interface InterviewDetailSource {
  row: InterviewRow;
  roles: InterviewRole[];
  parts: Awaited<ReturnType<InterviewsRepository['detailParts']>>;
  events: Awaited<ReturnType<InterviewsRepository['events']>>;
  preparation: Awaited<ReturnType<TaskPreparationReadiness['forInterview']>>;
  process: ProcessFacts;
  reader: Reader;
  panelToReassign: InterviewDetail['panelToReassign'];
}

/** The interview as one actor sees it: the read model behind the interview page. */
export function interviewDetail({
  row,
  roles,
  parts,
  events,
  preparation,
  process,
  reader,
  panelToReassign,
}: InterviewDetailSource): InterviewDetail {
  const [candidate, position, task, navigator, shadows, retro, accommodationRequests] = parts;
  const accommodations = seesCandidateAccommodations(candidateRelationsOf(roles));
  const ticked = new Set(checklistOf(row));
  const difficultyPlan = difficultyPlanOf(row);
  const levers = leversOf(task.levers);
  const durations = dayDurationsOf(row.day_durations);
  // A plan is chosen once the navigator saved one, even "no levers"; a task without levers needs none.
  const planChosen = events.some((event) => event.type === 'difficulty_plan_chosen') || levers.length === 0;
  const checklist = planningReadiness(ticked, {
    difficulty_plan: planChosen,
    ...preparation.items,
  });
  const mayDrive = roles.includes('navigator') || roles.includes('admin');
  return {
    id: row.id,
    stage: row.stage,
    startsAt: row.starts_at,
    timeZone: row.time_zone,
    place: row.place,
    candidate: {
      id: candidate.id,
      name: candidate.name,
      timeZone: candidate.time_zone,
      pronouns: candidate.pronouns,
      accommodations: accommodations ? candidate.accommodations : null,
      accommodationRequests: accommodations
        ? accommodationRequests.map((request) => ({ text: request.text, at: request.created_at }))
        : [],
    },
    position: {
      id: position.id,
      title: position.title,
      lineManagerName: position.line_manager_name,
      // What the panel rates afterwards, shown while planning and pairing so nothing surprises them.
      focusAttributes: focusAttributesOf(position.focus_attributes),
    },
    task: {
      id: task.id,
      title: task.title,
      summary: task.summary,
      navigatorGuide: task.navigator_guide,
      pairingMinutes: row.pairing_minutes,
      // The interview's own copy: the number its invitation and calendar entries were built from.
      setupBudgetSec: row.setup_budget_sec,
      tddRhythm: task.tdd_rhythm === 1,
      levers,
    },
    navigator,
    shadows,
    myRoles: roles,
    myPanelState: readerPanelState(process, reader),
    panel: process.panel.map((member) => ({
      id: member.id,
      name: member.name,
      state: panelMemberState(process.stage, member.submitted),
    })),
    panelToReassign,
    // Submission, decision, check-in and the previewed invitation have their own routes and
    // rules; the generic buttons leave them out.
    availableActions: mayDrive
      ? availableActions(row.stage).filter(
          (a) => a !== 'submit_report' && a !== 'decide' && a !== 'check_in' && !previewedActions.includes(a),
        )
      : [],
    checklist,
    snapshot: preparation.snapshot,
    difficultyPlan,
    clock: {
      serverNow: DateTime.utc().toISO(),
      setupStartedAt: row.setup_started_at,
      pairingStartedAt: row.pairing_started_at,
      pairingEndsAt: row.pairing_started_at ? phaseEndsAt(row.pairing_started_at, row.pairing_minutes) : null,
      pairingEndedAt: row.pairing_ended_at,
      breakStartedAt: row.break_started_at,
      retrospectiveStartedAt: row.retrospective_started_at,
      refinementStartedAt: row.refinement_started_at,
      breakEndsAt: row.break_started_at ? phaseEndsAt(row.break_started_at, durations.breakMinutes) : null,
      refinementEndsAt: row.refinement_started_at
        ? phaseEndsAt(row.refinement_started_at, durations.refinementTimerMinutes)
        : null,
      breakMinutes: durations.breakMinutes,
      refinementMinutes: durations.refinementTimerMinutes,
    },
    dayDurations: durations,
    repositoryDeletionConfirmedAt: row.repository_deletion_confirmed_at,
    // Health and reschedule reasons stay with the panel and admins (no disadvantage).
    wellness: seesCandidateCircumstances(roles) ? (row.wellness as InterviewDetail['wellness']) : null,
    events: discloseEvents(events, roles),
    deadline: retro?.deadline ?? null,
  };
}
