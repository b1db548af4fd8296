import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api-client.ts';

export interface PagedList<T> {
  items: T[];
  /** The latest page's whole answer, for what it says beside the list. */
  answer: Record<string, unknown> | undefined;
  /** Whether the server has more after what is shown. */
  more: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => Promise<void>;
  reload: () => Promise<void>;
}

/**
 * A list the server answers a page at a time (keyset cursors): the first page when `path`
 * changes, the next one on "Load more". `path` is the API path with its filters; `key` names the
 * array in the answer. An answer for an earlier path is ignored.
 */
export function usePagedList<T>(path: string, key: string): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Record<string, unknown>>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const separator = path.includes('?') ? '&' : '?';
        const answer = await api.get<Record<string, unknown> & { nextCursor: string | null }>(
          after ? `${path}${separator}cursor=${encodeURIComponent(after)}` : path,
        );
        if (mine !== generation.current) return;
        const page = (answer[key] as T[]) ?? [];
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
    [path, key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return {
    items,
    answer,
    more: cursor !== null,
    loading,
    error,
    loadMore: () => load(cursor),
    reload: () => load(null),
  };
}
