import type { Kysely } from 'kysely';

// SCIM 2.0 provisioning (features/scim): the bearer tokens an identity provider provisions with,
// the SCIM names of the users it manages, and its groups, whose names map to roles through the
// same group → role mapping single sign-on uses (sso_group_roles).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('last_used_ip', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  // userName is compared without case (RFC 7643 §4.1.1), so its lower-cased key is the unique one.
  await db.schema
    .createTable('scim_users')
    .addColumn('user_id', 'text', (col) => col.primaryKey().references('users.id'))
    .addColumn('user_name', 'text', (col) => col.notNull())
    .addColumn('user_name_key', 'text', (col) => col.notNull().unique())
    .addColumn('external_id', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('scim_users_listing')
    .on('scim_users')
    .columns(['created_at', 'user_id'])
    .execute();
  await db.schema
    .createTable('scim_groups')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('display_name', 'text', (col) => col.notNull().unique())
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('scim_groups_listing')
    .on('scim_groups')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createTable('scim_group_members')
    .addColumn('group_id', 'text', (col) => col.notNull().references('scim_groups.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addPrimaryKeyConstraint('scim_group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('scim_group_members_user').on('scim_group_members').column('user_id').execute();
}
