import type { Rehearsal, RehearsalLiveStep, RehearsalStreamMessage } from '@pairwise/domain';
import { useEffect, useState } from 'react';

export interface LiveRehearsal {
  rehearsal: Rehearsal;
  current: RehearsalLiveStep | null;
  /** Client time when `current` arrived, so its elapsed time keeps counting between messages. */
  receivedAt: number;
}

/**
 * Follows a running rehearsal over server-sent events. The server sends the whole state first,
 * so a reconnect (EventSource retries on its own) or a reload simply picks up where it is.
 */
export function useRehearsalStream(
  taskId: string,
  rehearsalId: string | null,
  onFinished: (rehearsal: Rehearsal) => void,
): LiveRehearsal | null {
  const [live, setLive] = useState<LiveRehearsal | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new stream per rehearsal, not per render.
  useEffect(() => {
    setLive(null);
    if (!rehearsalId) return;
    const source = new EventSource(`/api/tasks/${taskId}/rehearsals/${rehearsalId}/events`);
    source.onmessage = (event) => {
      const message: unknown = JSON.parse(String(event.data));
      if (!isStreamMessage(message)) return;
      const receivedAt = Date.now();
      if (message.kind === 'state') {
        setLive({ rehearsal: message.rehearsal, current: message.current, receivedAt });
      } else if (message.kind === 'progress') {
        setLive((previous) =>
          previous
            ? {
                rehearsal: message.step
                  ? { ...previous.rehearsal, steps: [...previous.rehearsal.steps, message.step] }
                  : previous.rehearsal,
                current: message.current,
                receivedAt,
              }
            : previous,
        );
      } else {
        source.close();
        setLive(null);
        onFinished(message.rehearsal);
      }
    };
    return () => source.close();
  }, [taskId, rehearsalId]);

  return live;
}

const streamKinds: ReadonlySet<unknown> = new Set(['state', 'progress', 'finished']);

/** A message of this release's rehearsal stream: it says which kind it is, and the switch does the rest. */
function isStreamMessage(value: unknown): value is RehearsalStreamMessage {
  return typeof value === 'object' && value !== null && 'kind' in value && streamKinds.has(value.kind);
}
