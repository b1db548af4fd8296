import {
  changePlaceRequest,
  idParams,
  invitationResponse,
  ok,
  placeChangePreview,
  placeChangePreviewRequest,
  sendInvitationRequest,
} from '@pairwise/domain';
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
  ];
}
