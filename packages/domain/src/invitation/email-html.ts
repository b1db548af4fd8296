const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every interpolated value in our HTML goes through this, including attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Only web and mail links become clickable; anything else (javascript:, data:) stays plain text. */
export function isSafeHref(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

export function link(href: string, label = href): string {
  if (!isSafeHref(href)) return escapeHtml(label);
  return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
}

/** Free text (task instructions, a manager's message) keeps its paragraphs and line breaks. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((para) => `<p>${para.split(/\r?\n/).map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

export interface HtmlSection {
  heading?: string;
  /** Already-escaped HTML. */
  body: string;
}

/**
 * A deliberately plain layout: mail clients strip most CSS, and the text part carries the
 * same content for anyone who reads mail as text.
 */
export function emailDocument(title: string, sections: HtmlSection[], lang = 'en'): string {
  const body = sections
    .map(
      (s) =>
        (s.heading ? `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(s.heading)}</h2>\n` : '') +
        s.body,
    )
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">',
    body,
    '</body>',
    '</html>',
  ].join('\n');
}

export function htmlList(items: string[]): string {
  return `<ul>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`;
}
