import { useState } from 'react';

export function CopyButton({
  text,
  label = 'Copy',
  copiedText = 'Copied.',
  blockedText = 'Copying is blocked here: select the link and copy it.',
}: {
  text: string;
  label?: string;
  /** The status words, for pages in the reader's language (the candidate portal). */
  copiedText?: string;
  blockedText?: string;
}) {
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
        {copied === true && copiedText}
        {copied === false && blockedText}
      </span>
    </>
  );
}
