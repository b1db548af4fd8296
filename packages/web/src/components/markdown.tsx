import { lazy, Suspense } from 'react';

const MarkdownView = lazy(() => import('./markdown-view.tsx'));

export function Markdown({ source }: { source: string }) {
  if (!source.trim()) return <p className="muted">Nothing written yet.</p>;
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <MarkdownView source={source} />
    </Suspense>
  );
}
