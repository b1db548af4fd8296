import { type InterviewSummary, type WorkQueueResponse, workQueueApi } from '@pairwise/domain';
import { useMemo } from 'react';
import { call } from '../../lib/api-client.ts';
import { useResource } from '../../lib/use-resource.ts';
import type { BeforeTheDay } from '../interview/next-step.ts';

/**
 * What still stands before the day, per interview, as the work queue found it; null while it is
 * not known (the queue not loaded yet, or cut short). The queue reads the checklist only for the
 * navigator, so for anyone else its count stays unknown.
 */
export type BeforeTheDayFor = (interview: InterviewSummary) => BeforeTheDay | null;

function beforeTheDay(queue: WorkQueueResponse | undefined): BeforeTheDayFor {
  if (!queue || queue.truncated) return () => null;
  const found = new Map<string, { openChecklistItems: number; rescheduleRequested: boolean }>();
  for (const item of queue.sections.flatMap((section) => section.items)) {
    const known = found.get(item.interviewId) ?? { openChecklistItems: 0, rescheduleRequested: false };
    if (item.kind === 'checklist_open') known.openChecklistItems = item.count ?? 0;
    if (item.kind === 'reschedule_requested') known.rescheduleRequested = true;
    found.set(item.interviewId, known);
  }
  return (interview) => {
    const known = found.get(interview.id) ?? { openChecklistItems: 0, rescheduleRequested: false };
    return interview.myRoles.includes('navigator') ? known : { ...known, openChecklistItems: null };
  };
}

/** The reader's work queue in their time zone, and what it says stands before each interview's day. */
export function useWorkQueue(timeZone: string) {
  const queue = useResource(() => call(workQueueApi.queue, { query: { timeZone } }), timeZone);
  const facts = useMemo(() => beforeTheDay(queue.data), [queue.data]);
  return { queue, facts };
}
