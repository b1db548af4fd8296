import pg from 'pg';

export interface PostgresTestDatabase {
  url: string;
  /** Drops the database once the test's own connections are gone. */
  drop(): Promise<void>;
}

/**
 * A database of its own on the server TEST_DATABASE_URL names, for one test or file: empty, or a
 * copy of `template` (the migrated template the integration tier's global set-up makes).
 */
export async function createPostgresDatabase(
  prefix: string,
  template?: string,
): Promise<PostgresTestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL names no PostgreSQL server.');
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // pg's pool.end() resolves before its sockets are closed; FORCE would then kill a
      // connection that is closing anyway, and its FATAL surfaces as an uncaught error.
      for (let wait = 0; wait < 40; wait++) {
        const { rows } = await client.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
