import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * Renders a task's Markdown (the navigator guide). Authors are trusted users, but the guide is
 * still sanitized: a pasted snippet must not be able to run script in an interviewer's session.
 * Loaded lazily, so marked and DOMPurify stay out of pages that show no guide.
 */
export default function MarkdownView({ source }: { source: string }) {
  const html = useMemo(
    () => DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }) as string),
    [source],
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify just above.
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
