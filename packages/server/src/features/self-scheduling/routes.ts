import {
  idParams,
  sendSlotOfferRequest,
  slotOfferPreview,
  slotOfferRequest,
  slotOfferState,
} from '@pairwise/domain';
import { defineRoute } from '../../platform/http/route.ts';
import type { SelfSchedulingService } from './service.ts';

export function selfSchedulingRoutes(selfScheduling: SelfSchedulingService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/slot-offer',
      summary: 'The newest offer of times to the candidate, and which one was picked',
      access: 'signed_in',
      params: idParams,
      response: slotOfferState,
      handler: async ({ actor, params }) => selfScheduling.state(actor, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/slot-offer/preview',
      summary: 'Times to offer: the offer and the confirmation a pick sends, exactly as they will be sent',
      access: 'signed_in',
      params: idParams,
      body: slotOfferRequest,
      response: slotOfferPreview,
      handler: async ({ actor, params, body }) => selfScheduling.previewOffer(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/interviews/:id/slot-offer',
      summary: 'Send the previewed offer (before the invitation, it is the invitation)',
      access: 'signed_in',
      params: idParams,
      body: sendSlotOfferRequest,
      response: slotOfferState,
      handler: async ({ actor, params, body }) => selfScheduling.sendOffer(actor, params.id, body),
    }),
  ];
}
