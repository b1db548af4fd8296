import { useState } from 'react';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // The clipboard API needs a secure context; the link stays selectable on the page.
      setCopied(false);
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={copy}>
        {label}
      </button>
      <span className="copy-status" aria-live="polite">
        {copied === true && 'Copied.'}
        {copied === false && 'Copying is blocked here: select the link and copy it.'}
      </span>
    </>
  );
}
