import {
  accommodationAnswerParams,
  accommodationAnswerPreview,
  accommodationAnswerRequest,
  cancellationPreview,
  cancellationRequest,
  changePlaceRequest,
  idParams,
  interviewDetail,
  invitationResponse,
  ok,
  placeChangePreview,
  placeChangePreviewRequest,
  reschedulePreview,
  rescheduleRequest,
  sendAccommodationAnswerRequest,
  sendCancellationRequest,
  sendInvitationRequest,
  sendRescheduleRequest,
} from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { InvitationsService } from './service.ts';

export function invitationsRoutes(invitations: InvitationsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/invitation',
      summary: "The candidate's invitation exactly as it is sent, and the candidate's answers",
      access: 'signed_in',
      params: idParams,
      response: invitationResponse,
      handler: async ({ actor, params }) => ({ invitation: await invitations.state(actor, params.id) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/invitation',
      summary: 'Send the previewed invitation (the "invite" step) with calendar invites for everyone',
      access: 'signed_in',
      params: idParams,
      body: sendInvitationRequest,
      response: invitationResponse,
      handler: async ({ actor, params, body }) => ({
        invitation: await invitations.send(actor, params.id, body.previewDigest, body.notReadyReason),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/place/preview',
      summary: 'What changing the place would send to the candidate (nothing before the invitation)',
      access: 'signed_in',
      params: idParams,
      body: placeChangePreviewRequest,
      response: placeChangePreview,
      handler: async ({ actor, params, body }) =>
        invitations.previewPlaceChange(actor, params.id, body.place),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/place',
      summary: 'Change the place until pairing starts; once invited, the previewed update goes out',
      access: 'signed_in',
      params: idParams,
      body: changePlaceRequest,
      response: ok,
      handler: async ({ actor, params, body }) => {
        await invitations.changePlace(actor, params.id, body.place, body.previewDigest);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/accommodations/:requestId/answer/preview',
      summary: "The answer to a candidate's accommodation request, as it will be mailed",
      access: 'signed_in',
      params: accommodationAnswerParams,
      body: accommodationAnswerRequest,
      response: accommodationAnswerPreview,
      handler: async ({ actor, params, body }) =>
        invitations.previewAccommodationAnswer(actor, params.id, params.requestId, body.answer),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/accommodations/:requestId/answer',
      summary: 'Answer an accommodation request: shown on the portal and mailed exactly as previewed',
      access: 'signed_in',
      params: accommodationAnswerParams,
      body: sendAccommodationAnswerRequest,
      response: invitationResponse,
      handler: async ({ actor, params, body }) => ({
        invitation: await invitations.sendAccommodationAnswer(actor, params.id, params.requestId, body),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/reschedule/preview',
      summary: "A new time: the candidate's update as it will be sent, overlaps and warnings",
      access: 'signed_in',
      params: idParams,
      body: rescheduleRequest,
      response: reschedulePreview,
      handler: async ({ actor, params, body }) => invitations.previewReschedule(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/reschedule',
      summary: 'Move the interview to the previewed time; the candidate and the panel get updates in place',
      access: 'signed_in',
      params: idParams,
      body: sendRescheduleRequest,
      response: z.object({ interview: interviewDetail }),
      handler: async ({ actor, params, body }) => ({
        interview: await invitations.sendReschedule(actor, params.id, body),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/cancellation/preview',
      summary: "The candidate's cancellation mail as it will be sent (null when nobody was invited)",
      access: 'signed_in',
      params: idParams,
      body: cancellationRequest,
      response: cancellationPreview,
      handler: async ({ actor, params }) => invitations.previewCancellation(actor, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/cancellation',
      summary: 'Cancel the interview with the previewed mail; calendars get CANCEL',
      access: 'signed_in',
      params: idParams,
      body: sendCancellationRequest,
      response: z.object({ interview: interviewDetail }),
      handler: async ({ actor, params, body }) => ({
        interview: await invitations.sendCancellation(actor, params.id, body),
      }),
    }),
  ];
}
