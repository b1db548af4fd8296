import { useCallback, useState } from 'react';
import { fieldErrors } from './api-client.ts';

/**
 * State of one user action (a form submit, a transition button): busy while it runs, and the
 * error it ended with, kept until the next attempt so the message stays next to its form.
 */
export function useAction<A extends unknown[], R>(perform: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await perform(...args);
      } catch (caught) {
        setError(caught);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [perform],
  );
  return { run, busy, error, fields: fieldErrors(error), clearError: () => setError(null) };
}
