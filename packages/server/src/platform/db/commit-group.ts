import type { Kysely } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

type Work<T> = (trx: Kysely<Database>) => Promise<T>;

interface Waiting {
  /** Runs in the group's transaction; what it returns settles the caller once the group commits. */
  inGroup: (trx: Kysely<Database>) => Promise<() => void>;
  /** Runs in a transaction of its own and settles the caller. */
  alone: () => Promise<void>;
}

/**
 * Writes that arrive together commit together (a group commit, decision 059). A commit with
 * `synchronous=FULL` costs an fsync and a WAL frame per page it changed, whatever it holds; saves
 * that arrive in the same turn of the event loop (several sessions' notes read off their sockets at
 * once) share one transaction, so they share the fsync and the pages they both change. Each caller
 * is answered only after the commit that holds its write, so an acknowledged write is as durable as
 * one committed alone. A write that arrives alone waits for nothing but the end of the current
 * turn. If any write of a group fails, the transaction rolls back whole and each write runs again
 * in a transaction of its own, so a write fails only on its own account.
 */
export class CommitGroup {
  private waiting: Waiting[] = [];

  constructor(private readonly db: Db) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        inGroup: async (trx) => {
          const value = await work(trx);
          return () => resolve(value);
        },
        alone: () => this.db.transaction().execute(work).then(resolve, reject),
      });
      // After the I/O of this turn: every request read in it has had its chance to join.
      if (this.waiting.length === 1) setImmediate(() => void this.commit());
    });
  }

  private async commit(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 1) return group[0]!.alone();
    let settle: Array<() => void>;
    try {
      settle = await this.db.transaction().execute(async (trx) => {
        const settled: Array<() => void> = [];
        for (const write of group) settled.push(await write.inGroup(trx));
        return settled;
      });
    } catch {
      await Promise.all(group.map((write) => write.alone()));
      return;
    }
    for (const answer of settle) answer();
  }
}
