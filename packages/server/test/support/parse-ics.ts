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
