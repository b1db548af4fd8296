import { ErrorMessage } from './error-message.tsx';

/** What a page shows while its data loads or after loading failed. */
export function PageState({ loading, error }: { loading: boolean; error: unknown }) {
  if (error) return <ErrorMessage error={error} />;
  if (loading)
    return (
      <p className="muted" aria-live="polite">
        Loading…
      </p>
    );
  return null;
}
