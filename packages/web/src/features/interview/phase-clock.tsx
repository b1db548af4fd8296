import { formatDuration, remainingMs } from '@pairwise/domain';
import { useId } from 'react';
import { useNow } from '../../lib/use-now.ts';
import { useInterviewContext } from './interview-context.tsx';
import './interview.css';

/** Milliseconds left until `endsAt` on the server's clock; re-rendered four times a second. */
export function useRemaining(endsAt: string): number {
  const { offsetMs } = useInterviewContext();
  const now = useNow();
  return remainingMs(endsAt, now + offsetMs);
}

/** Time since `startedAt` on the server's clock, against an optional budget. */
export function ElapsedClock(props: { label: string; startedAt: string; budgetMs?: number }) {
  const { offsetMs } = useInterviewContext();
  const now = useNow(500);
  const elapsed = Math.max(0, now + offsetMs - Date.parse(props.startedAt));
  const over = props.budgetMs !== undefined && elapsed > props.budgetMs;
  return (
    <div className={over ? 'clock clock-over' : 'clock'}>
      <span className="clock-label">{props.label}</span>
      <span className="clock-value" role="timer">
        {formatDuration(elapsed)}
      </span>
      {props.budgetMs !== undefined && (
        <span className="clock-budget">
          {over
            ? `over the ${formatDuration(props.budgetMs)} budget by ${formatDuration(elapsed - props.budgetMs)}`
            : `of a ${formatDuration(props.budgetMs)} budget`}
        </span>
      )}
    </div>
  );
}

/** "60:00", "07:05": minutes never roll into hours, so a 60-minute session starts at 60:00. */
function formatCountdown(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A countdown to `endsAt`; once overrun it keeps counting and says by how much. */
export function Countdown(props: { label: string; endsAt: string; totalMs: number; big?: boolean }) {
  const labelId = useId();
  // The clock offset is an estimate good to half a round trip; never show more than the phase holds.
  const remaining = Math.min(useRemaining(props.endsAt), props.totalMs);
  const overrun = remaining <= 0;
  // Count whole seconds up, so 59:59.4 shows as 60:00 at the start rather than 59:59.
  const shown = overrun ? -remaining : Math.ceil(remaining / 1000) * 1000;
  const text = formatCountdown(shown);
  return (
    <div className={`clock${props.big ? ' clock-big' : ''}${overrun ? ' clock-over' : ''}`}>
      <span className="clock-label" id={labelId}>
        {props.label}
      </span>
      <span className="clock-value" role="timer" aria-labelledby={labelId} data-testid="countdown">
        {overrun ? `+${text}` : text}
      </span>
      <span className="clock-budget">{overrun ? 'over time' : 'left'}</span>
    </div>
  );
}
