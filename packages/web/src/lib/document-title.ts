import { useEffect } from 'react';

/** Each page names itself, so tabs, history and screen readers say where the user is. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Pairwise` : 'Pairwise';
  }, [title]);
}
