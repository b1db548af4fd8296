import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/** A database or a transaction: anything that runs a compiled query. */
type Runner = Pick<Kysely<unknown>, 'executeQuery'>;

/** Stands where a value goes while the query is built; each run puts its own value there. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query built and compiled once and then run with new values, on SQLite and PostgreSQL alike.
 * Kysely otherwise builds the same operation tree and compiles the same SQL on every call, about a
 * fifth of a live note save's CPU; the hot path's statements (the session, the note, its audit
 * entry) are fixed in shape, so their SQL is too. `build` gets a slot per named value: one value
 * each, never a list (an `in` over a list changes the SQL with its length). The SQL is compiled on
 * first use, against whichever `db` or transaction runs it first; the dialect is the same.
 */
export function preparedQuery<Row, Names extends string>(
  names: readonly Names[],
  build: (slots: Record<Names, never>) => Compilable<Row>,
): (db: Runner, values: Record<Names, unknown>) => Promise<QueryResult<Row>> {
  let compiled: CompiledQuery<Row> | null = null;
  return (db, values) => {
    if (!compiled) {
      const slots = Object.fromEntries(names.map((name) => [name, new Slot(name)])) as Record<Names, never>;
      compiled = build(slots).compile();
    }
    const parameters = compiled.parameters.map((value) =>
      value instanceof Slot ? values[value.name as Names] : value,
    );
    return db.executeQuery<Row>({ ...compiled, parameters });
  };
}
