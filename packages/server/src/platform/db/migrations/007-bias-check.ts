import type { Kysely } from 'kysely';

// How each flagged phrase was resolved, the organisation's own bias terms, and when an
// impression was first drafted (for the "impression before refinement" check).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bias_resolutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interviews.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    // note | impression; for the impression, target_id is the author's id.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    // Lower-cased, so "Culture fit" and "culture fit" are one finding.
    .addColumn('phrase', 'text', (c) => c.notNull())
    // rewritten | kept
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bias_resolutions_finding', [
      'interview_id',
      'author_id',
      'target',
      'target_id',
      'rule_id',
      'phrase',
    ])
    .execute();

  await db.schema
    .createTable('bias_terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phrase', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text', (c) => c.notNull())
    // JSON array of phrases in which the term is harmless.
    .addColumn('unless', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('scorecards').addColumn('impression_drafted_at', 'text').execute();
}
