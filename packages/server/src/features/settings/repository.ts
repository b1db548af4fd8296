import {
  type CandidateLocale,
  defaultOrganisationSettings,
  type OrganisationSettings,
  organisationSettings,
  type TemplatePart,
  templateKey,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

const SETTINGS_KEY = 'organisation';

/** Settings as stored: those saved before a setting existed lack it, and take its default. */
const storedSettings = organisationSettings
  .extend({ durations: organisationSettings.shape.durations.partial() })
  .partial();
export const ORGANISATION_SCOPE = 'organisation';

export interface StoredTemplate {
  locale: CandidateLocale;
  part: TemplatePart;
  text: string;
  updatedAt: string;
}

/** The only SQL of the organisation's settings and message templates. */
export class SettingsRepository {
  constructor(
    private readonly db: Db,
    /** What a fresh installation uses until an admin saves: the candidate locale from DEFAULT_CANDIDATE_LOCALE. */
    private readonly defaults: OrganisationSettings = defaultOrganisationSettings,
  ) {}

  /**
   * Takes the caller's executor: mail is enqueued inside transactions, and on SQLite a read
   * outside the open transaction would wait for it.
   */
  async settings(executor: Executor = this.db): Promise<OrganisationSettings> {
    const row = await executor
      .selectFrom('settings')
      .select('value')
      .where('key', '=', SETTINGS_KEY)
      .executeTakeFirst();
    if (!row) return this.defaults;
    const stored = parseJsonColumn(storedSettings, row.value);
    // Settings stored before a new duration existed take Pairwise's default for it.
    return {
      ...this.defaults,
      ...stored,
      durations: { ...this.defaults.durations, ...stored.durations },
    };
  }

  async setSettings(value: OrganisationSettings): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('settings').where('key', '=', SETTINGS_KEY).execute();
      await trx
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value: JSON.stringify(value) })
        .execute();
    });
  }

  async templates(scope: string, executor: Executor = this.db): Promise<StoredTemplate[]> {
    const rows = await executor
      .selectFrom('message_templates')
      .select(['locale', 'part', 'text', 'updated_at'])
      .where('scope', '=', scope)
      .execute();
    return rows.map((row) => ({
      locale: row.locale as CandidateLocale,
      part: row.part as TemplatePart,
      text: row.text,
      updatedAt: row.updated_at,
    }));
  }

  /** The texts of one scope keyed for `resolveTemplate`. */
  async overrides(scope: string, executor: Executor = this.db): Promise<Map<string, string>> {
    const rows = await this.templates(scope, executor);
    return new Map(rows.map((row) => [templateKey(row.locale, row.part), row.text]));
  }

  async saveTemplate(
    scope: string,
    locale: CandidateLocale,
    part: TemplatePart,
    text: string,
    userId: string,
    at: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('message_templates')
        .where('scope', '=', scope)
        .where('locale', '=', locale)
        .where('part', '=', part)
        .execute();
      await trx
        .insertInto('message_templates')
        .values({ scope, locale, part, text, updated_by: userId, updated_at: at })
        .execute();
    });
  }

  async deleteTemplate(scope: string, locale: CandidateLocale, part: TemplatePart): Promise<boolean> {
    const result = await this.db
      .deleteFrom('message_templates')
      .where('scope', '=', scope)
      .where('locale', '=', locale)
      .where('part', '=', part)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async positionExists(positionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('positions')
      .select('id')
      .where('id', '=', positionId)
      .executeTakeFirst();
    return row !== undefined;
  }
}
