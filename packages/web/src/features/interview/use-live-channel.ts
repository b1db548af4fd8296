import type { InterviewEventType } from '@pairwise/domain';
import { useEffect, useRef, useState } from 'react';

type LiveMessage =
  | { kind: 'event'; seq: number; type: InterviewEventType }
  | { kind: 'notes_changed' }
  | { kind: 'heartbeat'; serverNow: string };

const MAX_BACKOFF_MS = 15_000;
// The server sends a heartbeat every 10 s; silence for longer than this means a dead connection
// that the browser has not noticed (a sleeping laptop, a dropped Wi-Fi without a FIN).
const HEARTBEAT_TIMEOUT_MS = 25_000;

/**
 * The interview's live channel: the server pushes every logged event (stage changes, levers)
 * and tells the author's other devices when their notes changed. Reconnects pass the last seq
 * seen, so nothing is missed across a drop. Returns whether the channel is open, so the page
 * can fall back to polling while it is not.
 */
export function useLiveChannel(
  interviewId: string,
  lastSeq: number | undefined,
  handlers: {
    onEvent: () => void;
    onNotesChanged: () => void;
    /** The server's clock as a heartbeat stated it, and when this device received it. */
    onHeartbeat?: (serverNow: number, receivedAt: number) => void;
  },
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
    let silence: number | undefined;

    const closed = (current: WebSocket) => {
      window.clearTimeout(silence);
      if (socket !== current) return;
      socket = null;
      setOpen(false);
      if (stopped) return;
      // Exponential backoff with jitter, so a restarted server is not hit by every client at once.
      retry = window.setTimeout(connect, backoff * (0.5 + Math.random() / 2));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };

    // No word from the server for too long: a dead connection's closing handshake would itself
    // hang, so the socket is abandoned at once and a new one scheduled.
    const expectHeartbeat = (current: WebSocket) => {
      window.clearTimeout(silence);
      silence = window.setTimeout(() => {
        current.onclose = null;
        current.onmessage = null;
        current.close();
        closed(current);
      }, HEARTBEAT_TIMEOUT_MS);
    };

    const connect = () => {
      window.clearTimeout(retry);
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(
        `${scheme}://${window.location.host}/api/interviews/${interviewId}/live?since=${seen.current}`,
      );
      const current = socket;
      socket.onopen = () => {
        backoff = 1_000;
        setOpen(true);
        expectHeartbeat(current);
      };
      socket.onmessage = (message) => {
        expectHeartbeat(current);
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(message.data));
        } catch {
          return;
        }
        if (!isLiveMessage(parsed)) return;
        if (parsed.kind === 'event' && parsed.seq > seen.current) {
          seen.current = parsed.seq;
          handlersRef.current.onEvent();
        } else if (parsed.kind === 'notes_changed') {
          handlersRef.current.onNotesChanged();
        } else if (parsed.kind === 'heartbeat') {
          handlersRef.current.onHeartbeat?.(Date.parse(parsed.serverNow), Date.now());
        }
      };
      socket.onclose = () => closed(current);
    };
    // Back online or awake again: reconnect now instead of waiting out the backoff.
    const resume = () => {
      if (stopped || document.visibilityState !== 'visible') return;
      if (socket === null) {
        backoff = 1_000;
        connect();
      }
    };
    connect();
    window.addEventListener('online', resume);
    document.addEventListener('visibilitychange', resume);
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      window.clearTimeout(silence);
      window.removeEventListener('online', resume);
      document.removeEventListener('visibilitychange', resume);
      socket?.close();
    };
  }, [interviewId, ready]);

  return open;
}

const liveKinds: ReadonlySet<unknown> = new Set(['event', 'notes_changed', 'heartbeat']);

/** A message from this release's server: it says which kind it is, and the switch does the rest. */
function isLiveMessage(value: unknown): value is LiveMessage {
  return typeof value === 'object' && value !== null && 'kind' in value && liveKinds.has(value.kind);
}
