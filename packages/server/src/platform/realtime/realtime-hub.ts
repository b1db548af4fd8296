import type { StoredInterviewEvent } from '@pairwise/domain';
import type pg from 'pg';
import { z } from 'zod';

/** What a live panel receives. `event` messages carry the interview log position for catch-up. */
export type LiveMessage =
  | ({ kind: 'event'; seq: number; at: string } & StoredInterviewEvent)
  | { kind: 'notes_changed'; authorId: string }
  | { kind: 'heartbeat'; serverNow: string };

type Listener = (message: LiveMessage) => void;

const CHANNEL = 'pairwise_live';

/**
 * What `publish` NOTIFYs: the message itself was built by a node of this release from the typed
 * event log, so its shape is checked only as far as routing needs (a kind to switch on).
 */
const notificationPayload = z.object({
  interviewId: z.string(),
  message: z.custom<LiveMessage>(
    (value) =>
      typeof value === 'object' && value !== null && 'kind' in value && typeof value.kind === 'string',
  ),
});

/**
 * In-process pub/sub per interview. With PostgreSQL every node LISTENs on one channel and
 * publishes through NOTIFY, so a panel connected to another node hears the change too; the
 * publishing node hears its own notification, which keeps delivery on one path.
 */
export class RealtimeHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private listenClient: pg.Client | null = null;
  private notifyPool: pg.Pool | null = null;

  static async create(databaseUrl: string | null): Promise<RealtimeHub> {
    const hub = new RealtimeHub();
    if (databaseUrl) await hub.listenOn(databaseUrl);
    return hub;
  }

  subscribe(interviewId: string, listener: Listener): () => void {
    let set = this.listeners.get(interviewId);
    if (!set) {
      set = new Set();
      this.listeners.set(interviewId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(interviewId);
    };
  }

  publish(interviewId: string, message: LiveMessage): void {
    if (this.notifyPool) {
      this.notifyPool
        .query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ interviewId, message })])
        .catch(() => this.deliver(interviewId, message));
      return;
    }
    this.deliver(interviewId, message);
  }

  subscriberCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    await this.listenClient?.end().catch(() => {});
    await this.notifyPool?.end().catch(() => {});
  }

  private deliver(interviewId: string, message: LiveMessage): void {
    for (const listener of this.listeners.get(interviewId) ?? []) listener(message);
  }

  private async listenOn(databaseUrl: string): Promise<void> {
    const { default: pg } = await import('pg');
    this.listenClient = new pg.Client({ connectionString: databaseUrl });
    await this.listenClient.connect();
    this.listenClient.on('notification', (notification) => {
      if (notification.channel !== CHANNEL || !notification.payload) return;
      const parsed = notificationPayload.safeParse(JSON.parse(notification.payload));
      // Only this hub NOTIFYs on the channel; anything else on it is not ours to deliver.
      if (parsed.success) this.deliver(parsed.data.interviewId, parsed.data.message);
    });
    await this.listenClient.query(`LISTEN ${CHANNEL}`);
    this.notifyPool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  }
}
