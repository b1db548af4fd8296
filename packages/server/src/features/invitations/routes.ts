import { invitationsApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { AccommodationAnswers } from './accommodation-answers.ts';
import type { InvitationsService } from './service.ts';

export function invitationsRoutes(
  invitations: InvitationsService,
  accommodationAnswers: AccommodationAnswers,
) {
  return [
    implement(invitationsApi.state, {
      summary: "The candidate's invitation exactly as it is sent, and the candidate's answers",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ invitation: await invitations.state(actor, params.id) }),
    }),
    implement(invitationsApi.send, {
      summary: 'Send the previewed invitation (the "invite" step) with calendar invites for everyone',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        invitation: await invitations.send(actor, params.id, body.previewDigest, body.notReadyReason),
      }),
    }),
    implement(invitationsApi.previewPlaceChange, {
      summary: 'What changing the place would send to the candidate (nothing before the invitation)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) =>
        invitations.previewPlaceChange(actor, params.id, body.place),
    }),
    implement(invitationsApi.changePlace, {
      summary: 'Change the place until pairing starts; once invited, the previewed update goes out',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => {
        await invitations.changePlace(actor, params.id, body.place, body.previewDigest);
        return { ok: true as const };
      },
    }),
    implement(invitationsApi.previewAccommodationAnswer, {
      summary: "The answer to a candidate's accommodation request, as it will be mailed",
      access: 'signed_in',
      handler: async ({ actor, params, body }) =>
        accommodationAnswers.preview(actor, params.id, params.requestId, body.answer),
    }),
    implement(invitationsApi.sendAccommodationAnswer, {
      summary: 'Answer an accommodation request: shown on the portal and mailed exactly as previewed',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        invitation: await accommodationAnswers.send(actor, params.id, params.requestId, body),
      }),
    }),
    implement(invitationsApi.previewReschedule, {
      summary: "A new time: the candidate's update as it will be sent, overlaps and warnings",
      access: 'signed_in',
      handler: async ({ actor, params, body }) => invitations.previewReschedule(actor, params.id, body),
    }),
    implement(invitationsApi.sendReschedule, {
      summary: 'Move the interview to the previewed time; the candidate and the panel get updates in place',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        interview: await invitations.sendReschedule(actor, params.id, body),
      }),
    }),
    implement(invitationsApi.previewCancellation, {
      summary: "The candidate's cancellation mail as it will be sent (null when nobody was invited)",
      access: 'signed_in',
      handler: async ({ actor, params }) => invitations.previewCancellation(actor, params.id),
    }),
    implement(invitationsApi.sendCancellation, {
      summary: 'Cancel the interview with the previewed mail; calendars get CANCEL',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        interview: await invitations.sendCancellation(actor, params.id, body),
      }),
    }),
  ];
}
