import { type InterviewDetail, interviewsApi, isFinished, serverOffsetMs } from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type RequestTiming } from '../../lib/api-client.ts';
import { useLiveChannel } from './use-live-channel.ts';

// While the live channel is down, a light poll keeps stage and clocks in step with other devices.
const POLL_MS = 15_000;
// Several events often arrive together (a transition and its side effects): reload once.
const RELOAD_DEBOUNCE_MS = 150;
// A heartbeat's one-way delay makes it a rough clock reading: only a larger disagreement (the
// device's clock was adjusted, or it slept) is worth measuring the offset again over a round trip.
const CLOCK_DRIFT_MS = 1_000;
// Hidden longer than this (a sleeping laptop, another tab): measure the clock again on return.
const AWAY_MS = 30_000;

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
      const answer = await call(interviewsApi.detail, { params: { id } }, timing);
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
    onHeartbeat: (serverNow, receivedAt) => {
      if (Math.abs(serverNow - receivedAt - offset.current) > CLOCK_DRIFT_MS) void load();
    },
  });

  useEffect(() => {
    let hiddenAt = document.visibilityState === 'hidden' ? Date.now() : null;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hiddenAt = Date.now();
      else if (hiddenAt !== null && Date.now() - hiddenAt > AWAY_MS) void load();
      if (document.visibilityState === 'visible') hiddenAt = null;
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [load]);

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
