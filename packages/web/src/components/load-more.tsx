import type { PagedList } from '../lib/use-paged-list.ts';

/** The end of a paged list: a button for the next page while there is one. */
export function LoadMore(props: { list: PagedList<unknown>; label?: string }) {
  const { list } = props;
  if (!list.more) return null;
  return (
    <p>
      <button
        type="button"
        className="secondary"
        disabled={list.loading}
        onClick={() => void list.loadMore()}
      >
        {list.loading ? 'Loading…' : (props.label ?? 'Load more')}
      </button>
    </p>
  );
}
