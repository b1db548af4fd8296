import { workQueueQuery, workQueueResponse } from '@pairwise/domain';
import { defineRoute } from '../../platform/http/route.ts';
import type { WorkQueueService } from './service.ts';

export function workQueueRoutes(queue: WorkQueueService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/work-queue',
      summary:
        'What needs the signed-in user’s action: interviews today, open checklists, candidate requests, impressions and decisions due',
      access: 'signed_in',
      query: workQueueQuery,
      response: workQueueResponse,
      handler: async ({ actor, query }) => queue.queue(actor, query.timeZone),
    }),
  ];
}
