import type { Contract, ResponseOf } from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from './api-client.ts';

export interface PagedList<T, A = Record<string, unknown>> {
  items: T[];
  /** The latest page's whole answer, for what it says beside the list. */
  answer: A | undefined;
  /** Whether the server has more after what is shown. */
  more: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => Promise<void>;
  reload: () => Promise<void>;
}

/** A contract whose answer is one page: a list under some key, and the cursor of the next page. */
type PageContract = Contract & { response: { _zod: { output: { nextCursor: string | null } } } };
/**
 * The filters of a paged route: its query, whose cursor the list sets itself. (Not `Omit`: a strict
 * object's input carries an index signature, and `Omit` over one loses the named keys.)
 */
type PageQuery<C extends Contract> = C extends { query: { _zod: { input: infer I } } } ? I : never;
/** The keys of the answer that hold an array: the page's rows. */
type ListKey<C extends Contract> = {
  [K in keyof ResponseOf<C>]: ResponseOf<C>[K] extends readonly unknown[] ? K : never;
}[keyof ResponseOf<C>];
type ItemOf<C extends Contract, K extends keyof ResponseOf<C>> = ResponseOf<C>[K] extends readonly (infer T)[]
  ? T
  : never;

/**
 * A list the server answers a page at a time (keyset cursors): the first page when the filters
 * change, the next one on "Load more". `contract` is the paged route, `query` its filters and
 * `key` names the array in the answer; the rows' type is the contract's. An answer for earlier
 * filters is ignored.
 */
export function usePagedList<C extends PageContract, K extends ListKey<C> & string>(
  contract: C,
  query: PageQuery<C>,
  key: K,
): PagedList<ItemOf<C, K>, ResponseOf<C>>;
export function usePagedList(contract: PageContract, query: unknown, key: string): PagedList<unknown, never> {
  const [items, setItems] = useState<unknown[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Record<string, unknown>>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  // The filters by value: a caller builds a fresh object each render, and only a change of its
  // contents starts the list again, so the same object is kept until then.
  const filterKey = JSON.stringify(query);
  const kept = useRef({ filterKey, query });
  if (kept.current.filterKey !== filterKey) kept.current = { filterKey, query };
  const filters = kept.current.query;

  const load = useCallback(
    async (after: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const answer = (await call(
          contract as Contract & { query: never },
          {
            query: { ...(filters as Record<string, unknown>), cursor: after ?? undefined },
          } as never,
        )) as Record<string, unknown> & { nextCursor: string | null };
        if (mine !== generation.current) return;
        const page = (answer[key] as unknown[]) ?? [];
        setItems((shown) => (after ? [...shown, ...page] : page));
        setCursor(answer.nextCursor);
        setAnswer(answer);
        setError(null);
      } catch (caught) {
        if (mine === generation.current) setError(caught);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [contract, filters, key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return {
    items,
    answer: answer as never,
    more: cursor !== null,
    loading,
    error,
    loadMore: () => load(cursor),
    reload: () => load(null),
  };
}
