import {
  formatDuration,
  type InterviewEvent,
  type InterviewEventType,
  planningItems,
  type Stage,
  stageLabels,
} from '@pairwise/domain';
import { formatClockTime, formatDateTime } from '../../lib/zoned-format.ts';
import { TddStrip } from './tdd-rhythm.tsx';
import './event-timeline.css';

// Stage events are named after the stage they enter; the title says what happened. Every event
// type needs a title here: a new type without one does not compile.
const eventTitles: Record<InterviewEventType, string> = {
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
  repository_window_opened: 'Repository opened',
  repository_window_closed: 'Repository closed',
  repository_credentials_rotated: 'Repository password changed',
  push_received: 'Candidate pushed',
  candidate_confirmed: 'Candidate confirmed the time',
  candidate_requested_reschedule: 'Candidate asked for another time',
  accommodation_requested: 'Candidate asked for an accommodation',
  accommodation_answered: 'Accommodation request answered',
  candidate_deadline_recorded: 'Candidate’s "hear back by" date recorded',
  data_request_recorded: 'Candidate asked about their data',
  candidate_notified: 'Decision sent to the candidate',
  panel_member_deactivated: 'A panel member’s account was deactivated',
  slots_offered: 'Times offered to the candidate',
  slot_picked: 'Candidate picked a time',
  calendar_reply_received: 'Reply from the candidate’s calendar',
};

const replyLabels: Record<string, string> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentatively accepted',
  'NEEDS-ACTION': 'no answer yet',
};

/** The facts a stage change may carry, as one view over every stage event's payload. */
type StageChangeFacts = Partial<{
  from: Stage;
  to: Stage;
  pairingLengthMinutes: number | null;
  breakLengthMinutes: number | null;
  cutShort: true;
  minutesLeft: number;
  startedEarly: true;
  notReadyReason: string;
  reason: string;
}>;

const reasonLabels: Record<string, string> = {
  candidate_unwell: 'candidate unwell (no disadvantage)',
  candidate_request: 'candidate asked (no disadvantage)',
  interviewer_request: 'interviewer asked',
  other: 'other reason',
};

/** A short human line for an event. */
export function describeEvent(event: InterviewEvent): { title: string; detail: string } {
  // Only the panel and admins receive the wellness answer; without it, the line is just "Checked in".
  const title =
    event.type === 'checked_in' && event.payload.well === true
      ? 'Checked in: the candidate is well'
      : eventTitles[event.type];
  switch (event.type) {
    case 'checklist_updated': {
      const { item: itemId, done } = event.payload;
      const item = planningItems.find((i) => i.id === itemId);
      return { title, detail: `${done ? 'Ticked' : 'Unticked'}: ${item?.label ?? String(itemId)}` };
    }
    case 'rescheduled': {
      const { startsAt, reason } = event.payload;
      const to = startsAt ? formatDateTime(startsAt) : '';
      return {
        title,
        detail: [to && `to ${to}`, reason && reasonLabels[reason]].filter(Boolean).join(' · '),
      };
    }
    case 'place_changed':
      return { title, detail: event.payload.place ? `to ${event.payload.place}` : '' };
    case 'panel_member_deactivated': {
      const { name, seat, removed } = event.payload;
      return {
        title,
        detail: removed
          ? `${name} no longer shadows this interview`
          : `${name} (${seat}) needs to be reassigned`,
      };
    }
    case 'slots_offered': {
      const count = event.payload.count ?? 0;
      return { title, detail: `${count} time${count === 1 ? '' : 's'}` };
    }
    case 'slot_picked':
      return { title, detail: event.payload.startsAt ? formatDateTime(event.payload.startsAt) : '' };
    case 'calendar_reply_received': {
      const { method, partstat, proposedStartsAt } = event.payload;
      if (method === 'COUNTER') {
        return {
          title,
          detail: `proposes another time${proposedStartsAt ? `: ${formatDateTime(proposedStartsAt)}` : ''}`,
        };
      }
      return { title, detail: partstat ? (replyLabels[partstat] ?? partstat) : '' };
    }
    case 'difficulty_plan_chosen': {
      const count = event.payload.leverIds?.length ?? 0;
      return { title, detail: `${count} lever${count === 1 ? '' : 's'}` };
    }
    case 'lever_pulled':
    case 'tdd_marked': {
      const { offsetMs } = event.payload;
      const at = offsetMs !== undefined ? `at ${formatDuration(offsetMs)}: ` : '';
      const what =
        event.type === 'lever_pulled'
          ? `${String(event.payload.direction)}, ${String(event.payload.description)}`
          : String(event.payload.phase);
      return { title, detail: `${at}${what}` };
    }
    case 'planned':
    case 'wellness_recorded':
    case 'checked_in':
      return {
        title,
        detail:
          'startedEarly' in event.payload && event.payload.startedEarly ? 'started early (confirmed)' : '',
      };
    case 'invited':
    case 'setup':
    case 'pairing':
    case 'wrap':
    case 'break':
    case 'retrospective':
    case 'refinement':
    case 'reported':
    case 'decided':
    case 'cancelled':
    case 'no_show':
      return { title, detail: stageChangeDetail(event.payload) };
    default:
      return { title, detail: '' };
  }
}

/** What a stage change records, including what the process asked to confirm: cut short, early. */
function stageChangeDetail(payload: StageChangeFacts): string {
  const parts: string[] = [];
  if (payload.from && payload.to) parts.push(`${stageLabels[payload.from]} → ${stageLabels[payload.to]}`);
  if (typeof payload.pairingLengthMinutes === 'number')
    parts.push(`pairing lasted ${payload.pairingLengthMinutes} min`);
  if (typeof payload.breakLengthMinutes === 'number')
    parts.push(`break lasted ${payload.breakLengthMinutes} min`);
  if (payload.cutShort) parts.push(`cut short with ${String(payload.minutesLeft)} min left (confirmed)`);
  if (payload.startedEarly) parts.push('started early (confirmed)');
  if (payload.notReadyReason) parts.push(`checklist not ready: ${payload.notReadyReason}`);
  if (payload.reason) parts.push(`reason: ${payload.reason}`);
  return parts.join(' · ');
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
