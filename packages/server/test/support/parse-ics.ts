// Test-only: parses .ics with node-ical, an implementation independent of ical-generator,
// so tests check what a calendar client would read rather than what we meant to write.

import type { VEvent } from 'node-ical';
import * as nodeIcalModule from 'node-ical';

// node-ical is CommonJS; Node's ESM loader exposes its API only on `default`.
const nodeIcal = (nodeIcalModule as unknown as { default?: typeof nodeIcalModule }).default ?? nodeIcalModule;

export interface ParsedCalendar {
  method: string | undefined;
  events: VEvent[];
}

export function parseIcs(content: string): ParsedCalendar {
  const parsed = nodeIcal.sync.parseICS(content);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  const method = (parsed.vcalendar as { method?: string } | undefined)?.method;
  return { method, events };
}

export function parseSingleEvent(content: string): { method: string | undefined; event: VEvent } {
  const { method, events } = parseIcs(content);
  if (events.length !== 1 || !events[0]) throw new Error(`Expected one VEVENT, found ${events.length}`);
  return { method, event: events[0] };
}

/** node-ical gives a property either as a plain value or as {params, val}. */
export function propertyValue(value: unknown): string {
  if (value && typeof value === 'object' && 'val' in value) return String((value as { val: unknown }).val);
  return String(value);
}

export function propertyParams(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object' && 'params' in value)
    return (value as { params: Record<string, unknown> }).params;
  return {};
}

/** RFC 6868: what a reader makes of a caret-encoded parameter value. */
export function caretDecode(value: string): string {
  return value.replace(/\^(\^|n|')/g, (_match, ch: string) => (ch === 'n' ? '\n' : ch === "'" ? '"' : '^'));
}

// RFC 5545 §3.1: contentline = name *(";" param) ":" value CRLF; a parameter value is either
// paramtext (no CTL, DQUOTE, ";", ":", ",") or a quoted string (no CTL, no DQUOTE inside).
const PARAM_VALUE = '(?:"[^"\\x00-\\x08\\x0a-\\x1f\\x7f]*"|[^";:,\\x00-\\x08\\x0a-\\x1f\\x7f]*)';
const CONTENT_LINE = new RegExp(
  `^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=${PARAM_VALUE}(?:,${PARAM_VALUE})*)*:[^\\x00-\\x08\\x0a-\\x1f\\x7f]*$`,
);

/**
 * Test-only grammar check, written from RFC 5545 rather than from any library: CRLF after every
 * line (the last included), physical lines of at most 75 octets, well-formed content lines,
 * balanced BEGIN/END and a VCALENDAR with at least one component. Returns what it found wrong.
 */
export function icsGrammarViolations(content: string): string[] {
  const problems: string[] = [];
  if (!content.endsWith('\r\n')) problems.push('does not end with CRLF');
  if (/\r(?!\n)|(?<!\r)\n/.test(content)) problems.push('has a bare CR or LF');
  const physical = content.replace(/\r\n$/, '').split('\r\n');
  physical.forEach((line, index) => {
    if (Buffer.byteLength(line) > 75) problems.push(`line ${index + 1} has more than 75 octets`);
  });
  const lines = content
    .replace(/\r\n$/, '')
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  const open: string[] = [];
  let calendarComponents = 0;
  for (const line of lines) {
    if (!CONTENT_LINE.test(line)) problems.push(`not a content line: ${line}`);
    const begin = /^BEGIN:(.+)$/.exec(line);
    const end = /^END:(.+)$/.exec(line);
    if (begin) {
      if (open.length === 1 && open[0] === 'VCALENDAR') calendarComponents += 1;
      open.push(begin[1]!);
    } else if (end && open.pop() !== end[1]) problems.push(`END:${end[1]} without its BEGIN`);
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(', ')}`);
  if (lines[0] !== 'BEGIN:VCALENDAR') problems.push('does not start with BEGIN:VCALENDAR');
  if (calendarComponents === 0) problems.push('VCALENDAR holds no component');
  return problems;
}
