import { selfSchedulingApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { SelfSchedulingService } from './service.ts';

export function selfSchedulingRoutes(selfScheduling: SelfSchedulingService) {
  return [
    implement(selfSchedulingApi.state, {
      summary: 'The newest offer of times to the candidate, and which one was picked',
      access: 'signed_in',
      handler: async ({ actor, params }) => selfScheduling.state(actor, params.id),
    }),
    implement(selfSchedulingApi.preview, {
      summary: 'Times to offer: the offer and the confirmation a pick sends, exactly as they will be sent',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => selfScheduling.previewOffer(actor, params.id, body),
    }),
    implement(selfSchedulingApi.send, {
      summary: 'Send the previewed offer (before the invitation, it is the invitation)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => selfScheduling.sendOffer(actor, params.id, body),
    }),
  ];
}
