import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a phone. The scrolling box takes focus so a keyboard
 * can scroll it too, and is a named region so that focus lands somewhere that says what it is.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <section> would add a landmark per table; this is a scroll box.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable box must be focusable to scroll by keyboard.
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
