import type { Db } from '../../platform/db/database.ts';

// One settings row per link printed: key `setup_token_hash:<hash>`, value when it was printed.
const PREFIX = 'setup_token_hash';

/** The first-run setup links, stored only as hashes in the settings table. */
export class FirstRunSetupRepository {
  constructor(private readonly db: Db) {}

  async deleteLinksPrintedBefore(at: string): Promise<void> {
    await this.db
      .deleteFrom('settings')
      .where('key', 'like', `${PREFIX}:%`)
      .where('value', '<', at)
      .execute();
  }

  async insertLink(tokenHash: string, printedAt: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key: `${PREFIX}:${tokenHash}`, value: printedAt })
      .execute();
  }

  /**
   * Deletes every link when the given one was printed after `printedAfter`; false when it was not.
   * One conditional delete, so two racing submissions (even with links from different nodes)
   * cannot both win.
   */
  async consumeAllWith(tokenHash: string, printedAfter: string): Promise<boolean> {
    const consumed = await this.db
      .deleteFrom('settings')
      .where('key', 'like', `${PREFIX}:%`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('settings as given')
            .select('given.key')
            .where('given.key', '=', `${PREFIX}:${tokenHash}`)
            .where('given.value', '>', printedAfter),
        ),
      )
      .executeTakeFirst();
    return Number(consumed.numDeletedRows) > 0;
  }
}
