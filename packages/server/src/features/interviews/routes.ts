import {
  checklistItemParams,
  checklistItemRequest,
  deletionConfirmationRequest,
  difficultyPlanRequest,
  idParams,
  interviewDetail,
  interviewList,
  interviewListQuery,
  planInterviewRequest,
  planPreview,
  planPreviewRequest,
  transitionRequest,
  wellnessRequest,
} from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { InterviewsService } from './service.ts';

export function interviewsRoutes(interviews: InterviewsService) {
  const detailResponse = z.object({ interview: interviewDetail });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews',
      summary: 'One page of the interviews the signed-in user is on, manages or administers, by start time',
      access: 'signed_in',
      query: interviewListQuery,
      response: interviewList,
      handler: async ({ actor, query }) => interviews.list(actor, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews',
      summary: 'Plan an interview',
      access: 'signed_in',
      status: 201,
      body: planInterviewRequest,
      response: detailResponse,
      handler: async ({ actor, body }) => ({ interview: await interviews.plan(actor, body) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/plan-preview',
      summary: 'Check a planned time: refusals, overlaps with the panel’s other interviews, warnings',
      access: 'signed_in',
      body: planPreviewRequest,
      response: planPreview,
      handler: async ({ actor, body }) => interviews.previewPlan(actor, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id',
      summary: 'An interview with its clock, checklist and timeline',
      access: 'signed_in',
      params: idParams,
      response: detailResponse,
      handler: async ({ actor, params }) => ({ interview: await interviews.detail(actor, params.id) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/transitions',
      summary: 'Move the interview to its next stage (or reschedule, cancel, no-show)',
      access: 'signed_in',
      params: idParams,
      body: transitionRequest,
      response: detailResponse,
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.transition(actor, params.id, body),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/wellness',
      summary: 'Check-in: record whether the candidate is well today',
      access: 'signed_in',
      params: idParams,
      body: wellnessRequest,
      response: detailResponse,
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.recordWellness(actor, params.id, body.well, body.startEarly === true),
      }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/checklist/:itemId',
      summary: 'Tick or untick a planning checklist item',
      access: 'signed_in',
      params: checklistItemParams,
      body: checklistItemRequest,
      response: detailResponse,
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.setChecklistItem(actor, params.id, params.itemId, body.done),
      }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/difficulty-plan',
      summary: 'Choose which easier/harder levers the navigator may pull',
      access: 'signed_in',
      params: idParams,
      body: difficultyPlanRequest,
      response: detailResponse,
      handler: async ({ actor, params, body }) => ({
        interview: await interviews.setDifficultyPlan(actor, params.id, body.leverIds),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/repository-deletion',
      summary: 'Confirm the candidate deleted the repository from their machine',
      access: 'signed_in',
      params: idParams,
      body: deletionConfirmationRequest,
      response: detailResponse,
      handler: async ({ actor, params }) => ({
        interview: await interviews.confirmRepositoryDeletion(actor, params.id),
      }),
    }),
  ];
}
