import {
  type CandidateRepositoryStatus,
  candidateRepositoriesApi,
  type InterviewEvent,
  type InterviewEventType,
  type RepositoryPush,
} from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../lib/api-client.ts';

export interface RepositoryView {
  status: CandidateRepositoryStatus;
  /** Newest first, as the panel reads them. */
  pushes: RepositoryPush[];
}

// Events after which the repository looks different: pushes, the window, credentials, stages.
const REFRESHING_EVENTS = new Set<InterviewEventType>([
  'push_received',
  'repository_window_opened',
  'repository_window_closed',
  'repository_credentials_rotated',
  'repository_deletion_confirmed',
  'setup',
  'pairing',
  'wrap',
  'snapshot_chosen',
  'rescheduled',
  // A picked time moves the interview, and with it the repository window.
  'slot_picked',
]);

/** Changes whenever an event arrives that changes what the repository panel shows. */
export function repositoryEventKey(events: readonly InterviewEvent[]): string {
  const relevant = events.filter((event) => REFRESHING_EVENTS.has(event.type));
  return `${relevant.length}:${relevant.at(-1)?.seq ?? 0}`;
}

/**
 * The candidate repository of an interview. The interview page already listens on the live
 * channel and reloads the interview on every event, so a new `push_received` event in it is the
 * signal to fetch again: no second WebSocket. It also refreshes when the window opens or
 * closes on its own (at the scheduled time or the alarm), which no event announces.
 */
export function useCandidateRepository(
  interviewId: string,
  eventKey: string,
  serverNow: () => number = Date.now,
) {
  const [view, setView] = useState<RepositoryView>();
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const [{ repository }, { pushes }] = await Promise.all([
        call(candidateRepositoriesApi.status, { params: { id: interviewId } }),
        call(candidateRepositoriesApi.pushes, { params: { id: interviewId } }),
      ]);
      if (mine !== generation.current) return;
      setView({ status: repository, pushes: [...pushes].reverse() });
      setError(null);
    } catch (caught) {
      if (mine === generation.current) setError(caught);
    }
  }, [interviewId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the event key says when to fetch again.
  useEffect(() => {
    void load();
  }, [load, eventKey]);

  const access = view?.status.window;
  const boundary =
    access?.state === 'not_yet' ? access.opensAt : access?.state === 'open' ? access.closesAt : null;
  useEffect(() => {
    if (!boundary) return;
    // Capped so a far-off opening (days ahead) does not overflow the timer.
    const delay = Math.min(Math.max(Date.parse(boundary) - serverNow() + 500, 500), 3_600_000);
    const timer = window.setTimeout(() => void load(), delay);
    return () => window.clearTimeout(timer);
  }, [boundary, load, serverNow]);

  const apply = useCallback((status: CandidateRepositoryStatus) => {
    setView((current) => (current ? { ...current, status } : current));
  }, []);

  return { view, error, reload: load, apply };
}
