import { formatDuration, type Lever, pairingApi } from '@pairwise/domain';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useInterviewContext } from './interview-context.tsx';
import './interview.css';

/** When each lever was pulled, read from the interview's log. */
function pulls(events: ReturnType<typeof useInterviewContext>['interview']['events']): Map<string, number[]> {
  const byLever = new Map<string, number[]>();
  for (const event of events) {
    if (event.type !== 'lever_pulled') continue;
    const { leverId, offsetMs } = event.payload;
    if (leverId === undefined) continue;
    byLever.set(leverId, [...(byLever.get(leverId) ?? []), offsetMs ?? 0]);
  }
  return byLever;
}

/**
 * The levers of the difficulty plan, one click each; the server logs the pull with its offset.
 * A shadow sees the same list and when each was pulled, live, without the buttons.
 */
export function LeverButtons({ afterPull, readOnly = false }: { afterPull: () => void; readOnly?: boolean }) {
  const { interview, reload } = useInterviewContext();
  const pull = useAction(async (lever: Lever) => {
    try {
      await call(pairingApi.pullLever, { params: { id: interview.id }, body: { leverId: lever.id } });
      await reload();
    } finally {
      afterPull();
    }
  });
  const planned = interview.task.levers.filter((lever) => interview.difficultyPlan.includes(lever.id));
  if (interview.task.levers.length === 0) return null;
  const pulled = pulls(interview.events);

  return (
    <section aria-labelledby="levers-heading" className="levers">
      <h3 id="levers-heading">Levers from the difficulty plan</h3>
      {planned.length === 0 ? (
        <p className="muted">No levers were planned for this candidate: the task runs as written.</p>
      ) : (
        <ul>
          {planned.map((lever) => {
            const at = pulled.get(lever.id) ?? [];
            return (
              <li key={lever.id}>
                {readOnly ? (
                  <span className={`lever-${lever.direction}`}>
                    <span className="lever-direction">
                      {lever.direction === 'easier' ? 'Easier' : 'Harder'}:
                    </span>{' '}
                    {lever.description}
                  </span>
                ) : (
                  <button
                    type="button"
                    className={`lever-button lever-${lever.direction}`}
                    disabled={pull.busy}
                    onClick={() => pull.run(lever)}
                  >
                    <span className="lever-direction">
                      {lever.direction === 'easier' ? 'Easier' : 'Harder'}:
                    </span>{' '}
                    {lever.description}
                  </button>
                )}
                {at.length > 0 && (
                  <span className="lever-pulled">
                    {' '}
                    pulled at {at.map((ms) => formatDuration(ms)).join(', ')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage error={pull.error} />
    </section>
  );
}
