import { interviewsApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { InterviewsService } from './service.ts';

export function interviewsRoutes(interviews: InterviewsService) {
  return [
    implement(interviewsApi.list, {
      summary: 'One page of the interviews the signed-in user is on, manages or administers, by start time',
      access: 'signed_in',
      handler: async ({ actor, query }) => interviews.list(actor, query),
    }),
    implement(interviewsApi.plan, {
      summary: 'Plan an interview',
      access: 'signed_in',
      handler: async ({ actor, body }) => ({ interview: await interviews.plan(actor, body) }),
    }),
    implement(interviewsApi.previewPlan, {
      summary: 'Check a planned time: refusals, overlaps with the panel’s other interviews, warnings',
      access: 'signed_in',
      handler: async ({ actor, body }) => interviews.previewPlan(actor, body),
    }),
    implement(interviewsApi.detail, {
      summary: 'An interview with its clock, checklist and timeline',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ interview: await interviews.detail(actor, params.id) }),
    }),
    implement(interviewsApi.transition, {
      summary: 'Move the interview to its next stage (or reschedule, cancel, no-show)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.transition(actor, params.id, body),
      }),
    }),
    implement(interviewsApi.recordWellness, {
      summary: 'Check-in: record whether the candidate is well today',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.recordWellness(actor, params.id, body.well, body.startEarly === true),
      }),
    }),
    implement(interviewsApi.setChecklistItem, {
      summary: 'Tick or untick a planning checklist item',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.setChecklistItem(actor, params.id, params.itemId, body.done),
      }),
    }),
    implement(interviewsApi.setDifficultyPlan, {
      summary: 'Choose which easier/harder levers the navigator may pull',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.setDifficultyPlan(actor, params.id, body.leverIds),
      }),
    }),
    implement(interviewsApi.confirmRepositoryDeletion, {
      summary: 'Confirm the candidate deleted the repository from their machine',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({
        interview: await interviews.confirmRepositoryDeletion(actor, params.id),
      }),
    }),
  ];
}
