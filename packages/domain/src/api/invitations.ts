import { z } from 'zod';
import { idParams, ok } from './common.ts';
import { contract } from './contract.ts';
import { interviewDetail } from './interviews.ts';
import {
  accommodationAnswerParams,
  accommodationAnswerPreview,
  accommodationAnswerRequest,
  cancellationPreview,
  cancellationRequest,
  changePlaceRequest,
  invitationResponse,
  placeChangePreview,
  placeChangePreviewRequest,
  reschedulePreview,
  rescheduleRequest,
  sendAccommodationAnswerRequest,
  sendCancellationRequest,
  sendInvitationRequest,
  sendRescheduleRequest,
} from './outreach.ts';

/**
 * What the candidate is sent about their interview (the invitation, a new place or time, the
 * cancellation, answers to their requests), each previewed first; implemented by the server's
 * invitations feature.
 */
export const invitationsApi = {
  state: contract({
    method: 'GET',
    path: '/api/interviews/:id/invitation',
    params: idParams,
    response: invitationResponse,
  }),
  send: contract({
    method: 'POST',
    path: '/api/interviews/:id/invitation',
    params: idParams,
    body: sendInvitationRequest,
    response: invitationResponse,
  }),
  previewPlaceChange: contract({
    method: 'POST',
    path: '/api/interviews/:id/place/preview',
    params: idParams,
    body: placeChangePreviewRequest,
    response: placeChangePreview,
  }),
  changePlace: contract({
    method: 'PUT',
    path: '/api/interviews/:id/place',
    params: idParams,
    body: changePlaceRequest,
    response: ok,
  }),
  previewAccommodationAnswer: contract({
    method: 'POST',
    path: '/api/interviews/:id/accommodations/:requestId/answer/preview',
    params: accommodationAnswerParams,
    body: accommodationAnswerRequest,
    response: accommodationAnswerPreview,
  }),
  sendAccommodationAnswer: contract({
    method: 'POST',
    path: '/api/interviews/:id/accommodations/:requestId/answer',
    params: accommodationAnswerParams,
    body: sendAccommodationAnswerRequest,
    response: invitationResponse,
  }),
  previewReschedule: contract({
    method: 'POST',
    path: '/api/interviews/:id/reschedule/preview',
    params: idParams,
    body: rescheduleRequest,
    response: reschedulePreview,
  }),
  sendReschedule: contract({
    method: 'POST',
    path: '/api/interviews/:id/reschedule',
    params: idParams,
    body: sendRescheduleRequest,
    response: z.object({ interview: interviewDetail }),
  }),
  previewCancellation: contract({
    method: 'POST',
    path: '/api/interviews/:id/cancellation/preview',
    params: idParams,
    body: cancellationRequest,
    response: cancellationPreview,
  }),
  sendCancellation: contract({
    method: 'POST',
    path: '/api/interviews/:id/cancellation',
    params: idParams,
    body: sendCancellationRequest,
    response: z.object({ interview: interviewDetail }),
  }),
};
