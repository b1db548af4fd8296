import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * A link to a place on a page (the home work queue's `#checklist-heading`, `#invitation-heading`)
 * lands there: the heading is scrolled to and focused, so a keyboard or screen reader user starts
 * at the work rather than at the top. Panels load their own data, so the target may appear after
 * the page; it is waited for until the page changes.
 */
export function useHashTarget(ready: boolean) {
  const { hash, key } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` re-runs it for a new visit to the same hash.
  useEffect(() => {
    if (!ready || !hash) return;
    const id = decodeURIComponent(hash.slice(1));
    const land = () => {
      const target = document.getElementById(id);
      if (!target) return false;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
      return true;
    };
    if (land()) return;
    const observer = new MutationObserver(() => {
      if (land()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ready, hash, key]);
}
