import { type InterviewDetail, isFinished, serverOffsetMs } from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type RequestTiming } from '../../lib/api-client.ts';
import { useLiveChannel } from './use-live-channel.ts';

// While the live channel is down, a light poll keeps stage and clocks in step with other devices.
const POLL_MS = 15_000;
// Several events often arrive together (a transition and its side effects): reload once.
const RELOAD_DEBOUNCE_MS = 150;

export interface LoadedInterview {
  interview: InterviewDetail;
  /** serverNow − clientNow, measured around the last GET: add it to Date.now() to read the server's clock. */
  offsetMs: number;
}

export function useInterview(id: string) {
  const [loaded, setLoaded] = useState<LoadedInterview>();
  const [error, setError] = useState<unknown>(null);
  const [notesVersion, setNotesVersion] = useState(0);
  const offset = useRef(0);
  const debounce = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    const timing: RequestTiming = { sentAt: 0, receivedAt: 0 };
    try {
      const answer = await api.get<{ interview: InterviewDetail }>(`/interviews/${id}`, timing);
      offset.current = serverOffsetMs(
        timing.sentAt,
        timing.receivedAt,
        Date.parse(answer.interview.clock.serverNow),
      );
      setLoaded({ interview: answer.interview, offsetMs: offset.current });
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [id]);

  useEffect(() => {
    setLoaded(undefined);
    void load();
  }, [load]);

  const events = loaded?.interview.events;
  const lastSeq = events ? events.reduce((max, event) => Math.max(max, event.seq ?? 0), 0) : undefined;
  const live = useLiveChannel(id, lastSeq, {
    onEvent: () => {
      window.clearTimeout(debounce.current);
      debounce.current = window.setTimeout(() => void load(), RELOAD_DEBOUNCE_MS);
    },
    onNotesChanged: () => setNotesVersion((v) => v + 1),
  });

  const stage = loaded?.interview.stage;
  useEffect(() => {
    if (live || !stage || isFinished(stage)) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [live, stage, load]);

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  /** Takes the interview a mutation answered with; the clock offset from the last GET still holds. */
  const apply = useCallback((interview: InterviewDetail) => {
    setLoaded({ interview, offsetMs: offset.current });
  }, []);

  return { loaded, error, reload: load, apply, notesVersion, live };
}
