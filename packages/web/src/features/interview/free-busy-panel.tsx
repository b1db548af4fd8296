import { calendarConnectionsApi, type FreeBusy } from '@pairwise/domain';
import { useEffect, useState } from 'react';
import { call } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';

const roleLabel = {
  navigator: 'navigator',
  shadow: 'shadow',
  line_manager: 'line manager (debrief)',
} as const;
const calendarLabel = {
  connected: 'calendar connected',
  none: 'no calendar connected: only Pairwise bookings are known',
  unknown: 'calendar did not answer in time: busy times unknown',
} as const;

/**
 * Who is busy when over the coming days (their connected calendars and Pairwise's own bookings),
 * and the next starts where everyone is free from prep to debrief. Picking one fills the form.
 */
export function FreeBusyPanel(props: {
  navigatorId: string;
  shadowIds: string[];
  positionId: string;
  taskId: string;
  timeZone: string;
  /** The day the planner is looking at, `YYYY-MM-DD`; from now when empty. */
  day: string;
  onPick: (startsAtLocal: string) => void;
}) {
  const answer = useFreeBusy(props);
  if (!props.navigatorId) return null;
  if (answer === 'failed') {
    return (
      <p className="muted">Busy times could not be loaded; the plan is still checked when you save it.</p>
    );
  }
  if (!answer) return <p className="muted">Looking at everyone's calendars…</p>;
  return (
    <section className="notice stack" aria-labelledby="free-busy-heading">
      <h2 id="free-busy-heading">Free and busy</h2>
      <ul aria-label="Busy times">
        {answer.people.map((person) => (
          <li key={person.id}>
            <strong>{person.name}</strong> ({roleLabel[person.role]}; {calendarLabel[person.calendar]})
            {person.busy.length === 0 ? (
              person.calendar === 'unknown' ? null : (
                <> — free</>
              )
            ) : (
              <ul>
                {person.busy.map((period) => (
                  <li key={`${period.source}-${period.startsAt}-${period.endsAt}`}>
                    Busy {formatDateTime(period.startsAt, props.timeZone)} –{' '}
                    {formatDateTime(period.endsAt, props.timeZone)} (
                    {period.source === 'calendar' ? 'their calendar' : 'a Pairwise interview'})
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {answer.proposals.length > 0 ? (
        <fieldset className="stack">
          <legend>Times when everyone is free, prep to debrief</legend>
          <div className="button-row">
            {answer.proposals.map((proposal) => (
              <button
                key={proposal.startsAt}
                type="button"
                className="secondary"
                onClick={() => props.onPick(proposal.startsAtLocal)}
              >
                {formatDateTime(proposal.startsAt, props.timeZone)}
              </button>
            ))}
          </div>
        </fieldset>
      ) : (
        <p>No time in these days suits everyone; try a later day.</p>
      )}
    </section>
  );
}

function useFreeBusy(input: {
  navigatorId: string;
  shadowIds: string[];
  positionId: string;
  taskId: string;
  timeZone: string;
  day: string;
}): FreeBusy | 'failed' | null {
  const [answer, setAnswer] = useState<FreeBusy | 'failed' | null>(null);
  const { navigatorId, positionId, taskId, timeZone, day } = input;
  const shadows = input.shadowIds.filter((id) => id !== navigatorId).join(',');
  useEffect(() => {
    setAnswer(null);
    if (!navigatorId) return;
    let current = true;
    const timer = setTimeout(() => {
      call(calendarConnectionsApi.freeBusy, {
        body: {
          navigatorId,
          shadowIds: shadows ? shadows.split(',') : [],
          ...(positionId ? { positionId } : {}),
          ...(taskId ? { taskId } : {}),
          timeZone,
          ...(/^\d{4}-\d{2}-\d{2}$/.test(day) ? { fromLocal: `${day}T00:00` } : {}),
          days: 7,
        },
      })
        .then((next) => current && setAnswer(next))
        // Planning goes on without it: the plan route still checks the chosen time.
        .catch(() => current && setAnswer('failed'));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [navigatorId, shadows, positionId, taskId, timeZone, day]);
  return answer;
}
