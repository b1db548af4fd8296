import {
  formatDuration,
  type InterviewEvent,
  planningItems,
  type Stage,
  stageLabels,
} from '@pairwise/domain';
import { formatClockTime, formatDateTime } from '../../lib/zoned-format.ts';
import { TddStrip } from './tdd-rhythm.tsx';
import './event-timeline.css';

const isStage = (value: unknown): value is Stage => typeof value === 'string' && value in stageLabels;

// Stage events are named after the stage they enter; the title says what happened.
const eventTitles: Record<string, string> = {
  planned: 'Interview planned',
  invited: 'Candidate invited',
  checked_in: 'Checked in',
  setup: 'Setup started',
  pairing: 'Pairing started',
  wrap: 'Pairing ended',
  break: 'Break started',
  retrospective: 'Retrospective started',
  refinement: 'Refinement started',
  reported: 'Impression submitted',
  decided: 'Decision recorded',
  cancelled: 'Interview cancelled',
  no_show: 'No-show recorded',
  rescheduled: 'Rescheduled',
  place_changed: 'Place changed',
  wellness_recorded: 'Check-in: the candidate is not well',
  checklist_updated: 'Planning checklist',
  difficulty_plan_chosen: 'Difficulty plan chosen',
  snapshot_chosen: 'Starting point moved to another snapshot',
  repository_deletion_confirmed: 'Repository deletion confirmed',
  scorecard_submitted: 'Scorecard submitted',
  lever_pulled: 'Lever pulled',
  tdd_marked: 'TDD marker',
};

const reasonLabels: Record<string, string> = {
  candidate_unwell: 'candidate unwell (no disadvantage)',
  candidate_request: 'candidate asked (no disadvantage)',
  interviewer_request: 'interviewer asked',
  other: 'other reason',
};

function sentenceCase(text: string): string {
  const spaced = text.replace(/[_.]/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A short human line for an event; types the page does not know yet still read sensibly. */
export function describeEvent(event: InterviewEvent): { title: string; detail: string } {
  const { payload } = event;
  // Only the panel and admins receive the wellness answer; without it, the line is just "Checked in".
  const title =
    event.type === 'checked_in' && payload.well === true
      ? 'Checked in: the candidate is well'
      : (eventTitles[event.type] ?? sentenceCase(event.type));
  switch (event.type) {
    case 'checklist_updated': {
      const item = planningItems.find((i) => i.id === payload.item);
      return {
        title,
        detail: `${payload.done ? 'Ticked' : 'Unticked'}: ${item?.label ?? String(payload.item)}`,
      };
    }
    case 'rescheduled': {
      const to = typeof payload.startsAt === 'string' ? formatDateTime(payload.startsAt) : '';
      const reason =
        typeof payload.reason === 'string' ? (reasonLabels[payload.reason] ?? payload.reason) : '';
      return { title, detail: [to && `to ${to}`, reason].filter(Boolean).join(' · ') };
    }
    case 'place_changed':
      return { title, detail: typeof payload.place === 'string' ? `to ${payload.place}` : '' };
    case 'difficulty_plan_chosen': {
      const count = Array.isArray(payload.leverIds) ? payload.leverIds.length : 0;
      return { title, detail: `${count} lever${count === 1 ? '' : 's'}` };
    }
    case 'lever_pulled':
    case 'tdd_marked': {
      const at = typeof payload.offsetMs === 'number' ? `at ${formatDuration(payload.offsetMs)}: ` : '';
      const what =
        event.type === 'lever_pulled'
          ? `${String(payload.direction)}, ${String(payload.description)}`
          : String(payload.phase);
      return { title, detail: `${at}${what}` };
    }
    case 'planned':
    case 'wellness_recorded':
    case 'checked_in':
      return { title, detail: payload.startedEarly ? 'started early (confirmed)' : '' };
  }
  const parts: string[] = [];
  if (isStage(payload.from) && isStage(payload.to))
    parts.push(`${stageLabels[payload.from]} → ${stageLabels[payload.to]}`);
  // What the process asked to confirm is part of the record: cut short, early, without the panel.
  if (typeof payload.pairingLengthMinutes === 'number')
    parts.push(`pairing lasted ${payload.pairingLengthMinutes} min`);
  if (typeof payload.breakLengthMinutes === 'number')
    parts.push(`break lasted ${payload.breakLengthMinutes} min`);
  if (payload.cutShort === true)
    parts.push(`cut short with ${String(payload.minutesLeft)} min left (confirmed)`);
  if (payload.startedEarly === true) parts.push('started early (confirmed)');
  if (typeof payload.notReadyReason === 'string')
    parts.push(`checklist not ready: ${payload.notReadyReason}`);
  if (typeof payload.reason === 'string') parts.push(`reason: ${payload.reason}`);
  return { title, detail: parts.join(' · ') };
}

/** Runs of checklist ticks read as one entry; everything else stands alone. */
function groupEvents(events: InterviewEvent[]): InterviewEvent[][] {
  const groups: InterviewEvent[][] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last && event.type === 'checklist_updated' && last[0]!.type === 'checklist_updated') last.push(event);
    else groups.push([event]);
  }
  return groups;
}

/** Today's events need only their time; older ones their date too. */
function formatEventTime(iso: string): string {
  const sameDay = new Date(iso).toDateString() === new Date().toDateString();
  return sameDay ? formatClockTime(iso).slice(0, 5) : formatDateTime(iso);
}

export function EventTimeline({ events }: { events: InterviewEvent[] }) {
  return (
    <section aria-labelledby="timeline-heading" className="timeline">
      <h2 id="timeline-heading">Timeline</h2>
      <TddStrip events={events} />
      {events.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol>
          {groupEvents(events).map((group) => {
            const first = group[0]!;
            const last = group.at(-1)!;
            const described = group.map(describeEvent);
            return (
              <li key={first.id} data-event-type={first.type}>
                <time dateTime={last.at}>{formatEventTime(last.at)}</time>
                <span className="event-title">{described[0]!.title}</span>
                {described.length === 1 ? (
                  described[0]!.detail && <span className="event-detail">{described[0]!.detail}</span>
                ) : (
                  <ul className="event-detail">
                    {described.map((d, i) => (
                      <li key={group[i]!.id}>{d.detail}</li>
                    ))}
                  </ul>
                )}
                {last.actorName && <span className="event-actor">by {last.actorName}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
