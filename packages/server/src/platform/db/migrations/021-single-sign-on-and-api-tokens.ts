import type { Kysely } from 'kysely';

// Single sign-on through an OpenID Provider (decision 025): which group grants which role, who a
// provider's subject is here, and the sign-ins under way between the redirect and the callback.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_group_roles')
    .addColumn('group_name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('sso_group_roles_pk', ['group_name', 'role'])
    .execute();
  // A provider's `sub` is the stable name of a person; their email may change.
  await db.schema
    .createTable('user_identities')
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_sign_in_at', 'text')
    .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute();
  // Keyed by the hash of a cookie only this browser holds, so another browser cannot finish it.
  await db.schema
    .createTable('sso_sign_ins')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('code_verifier', 'text', (col) => col.notNull())
    .addColumn('next', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sso_sign_ins_expiry').on('sso_sign_ins').column('expires_at').execute();

  // API tokens for the whole API: what each may do, until when, and where it was last used from.
  // Tokens made before scopes existed keep doing what they did: the CLI's routes.
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scopes', 'text', (col) => col.notNull().defaultTo('["cli"]'))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_ip', 'text').execute();
  // A write retried with the same Idempotency-Key answers what the first one answered.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('actor_id', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('status', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_age').on('idempotency_keys').column('created_at').execute();
}
