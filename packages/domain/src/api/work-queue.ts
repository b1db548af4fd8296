import { z } from 'zod';
import { stages } from '../lifecycle.ts';
import { workItemKinds, workSections } from '../process/work-queue.ts';
import { id, timeZone } from './common.ts';
import { contract } from './contract.ts';

/** The reader's time zone decides which day "today" is; UTC when the browser did not say. */
export const workQueueQuery = z.strictObject({ timeZone: timeZone.default('UTC') });

export const workItem = z.object({
  kind: z.enum(workItemKinds),
  section: z.enum(workSections),
  interviewId: id,
  candidateName: z.string(),
  positionTitle: z.string(),
  startsAt: z.string(),
  stage: z.enum(stages),
  text: z.string(),
  href: z.string(),
  daysLeft: z.number().int().nullable(),
  count: z.number().int().nullable(),
});

export const workQueueResponse = z.object({
  serverNow: z.string(),
  sections: z.array(z.object({ section: z.enum(workSections), title: z.string(), items: z.array(workItem) })),
  /**
   * The queue reads at most a bounded number of open interviews per scope, soonest first; true
   * when some were left out (the lists below the queue still page through everything).
   */
  truncated: z.boolean(),
});
export type WorkQueueResponse = z.infer<typeof workQueueResponse>;

/** The signed-in user's work queue, implemented by the server's work-queue feature. */
export const workQueueApi = {
  queue: contract({
    method: 'GET',
    path: '/api/work-queue',
    query: workQueueQuery,
    response: workQueueResponse,
  }),
};
