import { useEffect, useRef, useState } from 'react';

type LiveMessage =
  | { kind: 'event'; seq: number; type: string }
  | { kind: 'notes_changed' }
  | { kind: 'heartbeat'; serverNow: string };

const MAX_BACKOFF_MS = 15_000;

/**
 * The interview's live channel: the server pushes every logged event (stage changes, levers)
 * and tells the author's other devices when their notes changed. Reconnects pass the last seq
 * seen, so nothing is missed across a drop. Returns whether the channel is open, so the page
 * can fall back to polling while it is not.
 */
export function useLiveChannel(
  interviewId: string,
  lastSeq: number | undefined,
  handlers: { onEvent: () => void; onNotesChanged: () => void },
): boolean {
  const [open, setOpen] = useState(false);
  const seen = useRef(0);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  if (lastSeq !== undefined && lastSeq > seen.current) seen.current = lastSeq;
  const ready = lastSeq !== undefined;

  useEffect(() => {
    if (!ready || typeof WebSocket === 'undefined') return;
    let socket: WebSocket | null = null;
    let retry: number | undefined;
    let backoff = 1_000;
    let stopped = false;

    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(
        `${scheme}://${window.location.host}/api/interviews/${interviewId}/live?since=${seen.current}`,
      );
      socket.onopen = () => {
        backoff = 1_000;
        setOpen(true);
      };
      socket.onmessage = (message) => {
        let parsed: LiveMessage;
        try {
          parsed = JSON.parse(String(message.data)) as LiveMessage;
        } catch {
          return;
        }
        if (parsed.kind === 'event' && parsed.seq > seen.current) {
          seen.current = parsed.seq;
          handlersRef.current.onEvent();
        } else if (parsed.kind === 'notes_changed') {
          handlersRef.current.onNotesChanged();
        }
      };
      socket.onclose = () => {
        setOpen(false);
        if (stopped) return;
        retry = window.setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      };
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      socket?.close();
    };
  }, [interviewId, ready]);

  return open;
}
