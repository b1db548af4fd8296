import { workQueueApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { WorkQueueService } from './service.ts';

export function workQueueRoutes(queue: WorkQueueService) {
  return [
    implement(workQueueApi.queue, {
      summary:
        'What needs the signed-in user’s action: interviews today, open checklists, candidate requests, impressions and decisions due',
      access: 'signed_in',
      handler: async ({ actor, query }) => queue.queue(actor, query.timeZone),
    }),
  ];
}
