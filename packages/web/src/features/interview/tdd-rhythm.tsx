import {
  formatDuration,
  type InterviewEvent,
  pairingApi,
  summarizeTddRhythm,
  type TddMarker,
  type TddPhase,
  tddPhases,
} from '@pairwise/domain';
import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useInterviewContext } from './interview-context.tsx';
import './live-session.css';

// Alt+letter never types into the note box on Linux and Windows, and `code` (not `key`) also
// catches it on a Mac, where Alt+R would otherwise type "®".
const shortcuts: Record<string, TddPhase> = { KeyR: 'red', KeyG: 'green', KeyF: 'refactor' };
const phaseLabels: Record<TddPhase, string> = { red: 'Red', green: 'Green', refactor: 'Refactor' };
const shortcutOf: Record<TddPhase, string> = { red: 'Alt+R', green: 'Alt+G', refactor: 'Alt+F' };

/** The red/green/refactor moments in an interview's log, as offsets into pairing. */
export function tddMarkers(events: readonly InterviewEvent[]): TddMarker[] {
  return events.flatMap((event) => {
    if (event.type !== 'tdd_marked') return [];
    const { phase, offsetMs } = event.payload;
    return phase !== undefined && offsetMs !== undefined ? [{ phase, offsetMs }] : [];
  });
}

/** How long pairing ran, from its start and end events; while it runs, up to now. */
function pairingLengthMs(events: readonly InterviewEvent[], markers: TddMarker[]): number {
  const started = events.find((e) => e.type === 'pairing');
  const ended = events.find((e) => e.type === 'wrap');
  const lastMarker = markers.reduce((max, m) => Math.max(max, m.offsetMs), 0);
  if (!started) return lastMarker;
  // The device clock is close enough for drawing; the markers' offsets themselves are the server's.
  const end = ended ? Date.parse(ended.at) : Date.now();
  return Math.max(end - Date.parse(started.at), lastMarker);
}

/** One-key markers during pairing; the note box keeps focus, so notes and markers interleave. */
export function TddMarkerButtons({ afterMark }: { afterMark: () => void }) {
  const { interview, reload } = useInterviewContext();
  const mark = useAction(async (phase: TddPhase) => {
    try {
      await call(pairingApi.markTdd, { params: { id: interview.id }, body: { phase } });
      await reload();
    } finally {
      afterMark();
    }
  });
  const run = useRef(mark.run);
  run.current = mark.run;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const phase = shortcuts[event.code];
      if (!phase) return;
      event.preventDefault();
      void run.current(phase);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section aria-labelledby="tdd-heading" className="tdd-markers">
      <h3 id="tdd-heading">TDD rhythm</h3>
      <div className="tdd-buttons">
        {tddPhases.map((phase) => (
          <button
            key={phase}
            type="button"
            className={`secondary small tdd-${phase}`}
            aria-keyshortcuts={shortcutOf[phase]}
            onClick={() => mark.run(phase)}
          >
            {phaseLabels[phase]} <kbd>{shortcutOf[phase]}</kbd>
          </button>
        ))}
      </div>
      <ErrorMessage error={mark.error} />
    </section>
  );
}

/** The rhythm as coloured segments along pairing; nothing when no marker was set. */
export function TddStrip({ events }: { events: readonly InterviewEvent[] }) {
  const markers = tddMarkers(events);
  if (markers.length === 0) return null;
  const length = pairingLengthMs(events, markers);
  const { segments } = summarizeTddRhythm(markers, length);
  const span = Math.max(length, 1);
  return (
    <div className="tdd-strip" role="img" aria-label={describeRhythm(markers, length)}>
      {segments.map((segment) => (
        <span
          key={`${segment.phase}-${segment.fromMs}`}
          className={`tdd-segment tdd-${segment.phase}`}
          title={`${phaseLabels[segment.phase]} at ${formatDuration(segment.fromMs)}`}
          style={{
            left: `${(segment.fromMs / span) * 100}%`,
            width: `${Math.max(((segment.toMs - segment.fromMs) / span) * 100, 0.5)}%`,
          }}
        />
      ))}
    </div>
  );
}

function describeRhythm(markers: TddMarker[], lengthMs: number): string {
  const summary = summarizeTddRhythm(markers, lengthMs);
  const average =
    summary.averageCycleMs === null ? '' : `, ${formatDuration(summary.averageCycleMs)} per cycle on average`;
  return `TDD rhythm: ${summary.cycles} red-to-green cycle${summary.cycles === 1 ? '' : 's'}${average}, ${summary.refactors} refactor${summary.refactors === 1 ? '' : 's'}`;
}

/** The report's paragraph: cycles, time per cycle, and the strip. */
export function TddSummarySection({ events }: { events: readonly InterviewEvent[] }) {
  const markers = tddMarkers(events);
  if (markers.length === 0) return null;
  const summary = summarizeTddRhythm(markers, pairingLengthMs(events, markers));
  return (
    <section aria-labelledby="tdd-summary-heading" className="tdd-summary">
      <h2 id="tdd-summary-heading">TDD rhythm</h2>
      <p>
        {summary.cycles} red-to-green cycle{summary.cycles === 1 ? '' : 's'}
        {summary.averageCycleMs !== null && (
          <>, {formatDuration(summary.averageCycleMs)} per cycle on average</>
        )}
        ; {summary.refactors} refactor{summary.refactors === 1 ? '' : 's'}; {markers.length} marker
        {markers.length === 1 ? '' : 's'} in all.
      </p>
      <TddStrip events={events} />
    </section>
  );
}
