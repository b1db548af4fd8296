import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

/**
 * Keyset pagination. A page is read as "the next `limit` rows after this sort key", which an
 * index in the same order answers by reading only those rows, however deep the page. The
 * cursor is the last row's sort key, opaque to clients (decoded by `pageCursor` in the domain).
 */
export const encodeCursor = (key: readonly string[]) =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** One more row than the page is asked for: whether it exists says if there is a next page. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => readonly string[]) {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeCursor(key(page.at(-1)!)) : null };
}

/**
 * `(a, b) > (x, y)` (or `<` for a descending list) as a row-value comparison, which SQLite and
 * PostgreSQL both turn into a range read of an index on (a, b).
 */
export function after<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: [string, string],
  key: readonly string[],
  order: 'asc' | 'desc',
): Expression<SqlBool> {
  // biome-ignore lint/suspicious/noExplicitAny: the columns are checked by the callers' own queries.
  const e = eb as ExpressionBuilder<any, any>;
  return e(e.refTuple(columns[0], columns[1]), order === 'asc' ? '>' : '<', e.tuple(key[0]!, key[1]!));
}
