import type { InterviewEvent, StoredInterviewEvent, TddPhase } from '@pairwise/domain';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TddSummarySection, tddMarkers } from './tdd-rhythm.tsx';

const start = Date.parse('2030-03-05T13:00:00Z');
let seq = 0;
function event(stored: StoredInterviewEvent, atMs: number): InterviewEvent {
  seq++;
  return { id: `e${seq}`, seq, at: new Date(start + atMs).toISOString(), actorName: 'Nina', ...stored };
}
const mark = (phase: TddPhase, offsetMs: number) =>
  event({ type: 'tdd_marked', payload: { phase, offsetMs } }, offsetMs);

describe('TDD rhythm on the timeline and in the report', () => {
  const events = [
    event({ type: 'pairing', payload: {} }, 0),
    mark('red', 60_000),
    mark('green', 180_000),
    mark('refactor', 240_000),
    mark('red', 300_000),
    event({ type: 'lever_pulled', payload: { offsetMs: 320_000 } }, 320_000),
    mark('green', 420_000),
    // A marker whose phase the repository's codec dropped (it was not red, green or refactor).
    event({ type: 'tdd_marked', payload: { offsetMs: 430_000 } }, 430_000),
    event({ type: 'wrap', payload: {} }, 3_600_000),
  ];

  it('reads only well-formed markers from the log', () => {
    expect(tddMarkers(events).map((m) => m.phase)).toEqual(['red', 'green', 'refactor', 'red', 'green']);
  });

  it('summarises cycles and the time per cycle', () => {
    const html = renderToStaticMarkup(<TddSummarySection events={events} />);
    // Cycle 1: red 1:00 → next red 5:00 = 4:00; cycle 2: red 5:00 → last marker 7:00 = 2:00.
    expect(html).toContain('2 red-to-green cycles');
    expect(html).toContain('03:00 per cycle on average');
    expect(html).toContain('1 refactor;');
    expect(html).toContain('class="tdd-strip"');
  });

  it('shows nothing for a session without markers', () => {
    expect(
      renderToStaticMarkup(<TddSummarySection events={[event({ type: 'pairing', payload: {} }, 0)]} />),
    ).toBe('');
  });
});
