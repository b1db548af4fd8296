import { type InterviewDetail, interviewsApi, type PlanningItemId } from '@pairwise/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Markdown } from '../../components/markdown.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { InterviewSnapshot } from '../task-preparation/interview-snapshot.tsx';
import { FocusAttributesSummary } from './focus-attributes-summary.tsx';
import { useInterviewContext } from './interview-context.tsx';
import './interview.css';

export function PlanningPanel() {
  const { interview } = useInterviewContext();
  return (
    <>
      <PlanningChecklist />
      <DifficultyPlan />
      <section aria-labelledby="guide-heading" className="card">
        <h2 id="guide-heading">Navigator guide: {interview.task.title}</h2>
        {interview.task.summary && <p className="lead">{interview.task.summary}</p>}
        <Markdown source={interview.task.navigatorGuide} />
      </section>
      <FocusAttributesSummary attributes={interview.position.focusAttributes} />
    </>
  );
}

function PlanningChecklist() {
  const { interview, apply, drives } = useInterviewContext();
  const editable = drives && (interview.stage === 'planned' || interview.stage === 'invited');
  // Shown ticked at once; the server's answer then replaces the guess (or the error explains it).
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const tick = useAction(async (itemId: PlanningItemId, done: boolean) => {
    setPending((p) => ({ ...p, [itemId]: done }));
    try {
      const answer = await call(interviewsApi.setChecklistItem, {
        params: { id: interview.id, itemId },
        body: { done },
      });
      apply(answer.interview);
    } finally {
      setPending(({ [itemId]: _, ...rest }) => rest);
    }
  });
  const { items, ready } = interview.checklist;
  const open = items.filter((item) => item.required && !item.done).length;

  return (
    <section aria-labelledby="checklist-heading" className="card">
      <h2 id="checklist-heading">Planning checklist</h2>
      <p className={ready ? 'success' : 'notice'} role="status">
        {ready
          ? 'Ready: every required item is done.'
          : `${open} required item${open === 1 ? '' : 's'} still open.`}
      </p>
      <ul className="checklist">
        {items.map((item) => (
          <li key={item.id}>
            <label className="choice">
              <input
                type="checkbox"
                checked={pending[item.id] ?? item.done}
                // Computed items follow their evidence (the difficulty plan); only manual ones are ticked.
                disabled={!item.manual || !editable}
                onChange={(event) => tick.run(item.id, event.target.checked)}
              />
              <span>{item.label}</span>
            </label>
            <span className="item-note">
              <ItemSource item={item} />
            </span>
          </li>
        ))}
      </ul>
      <InterviewSnapshot />
      <ErrorMessage error={tick.error} />
    </section>
  );
}

type ChecklistItem = InterviewDetail['checklist']['items'][number];

/** Why an item has its state: ticked by hand, or the evidence a later capability computed it from. */
function ItemSource({ item }: { item: ChecklistItem }) {
  if (item.manual) return <>ticked by hand for now</>;
  if (item.id === 'difficulty_plan') return <>follows the difficulty plan below</>;
  if (!item.evidence) return <>follows its evidence</>;
  return item.evidence.href.startsWith('/') ? (
    <Link to={item.evidence.href}>{item.evidence.label}</Link>
  ) : (
    <a href={item.evidence.href}>{item.evidence.label}</a>
  );
}

function DifficultyPlan() {
  const { interview, apply, drives } = useInterviewContext();
  const [chosen, setChosen] = useState<string[]>(interview.difficultyPlan);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const answer = await call(interviewsApi.setDifficultyPlan, {
      params: { id: interview.id },
      body: { leverIds: chosen },
    });
    apply(answer.interview);
    setSaved(true);
  });
  const { levers } = interview.task;
  const toggle = (id: string, on: boolean) => {
    setSaved(false);
    setChosen((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  };

  return (
    <section aria-labelledby="difficulty-heading" className="card">
      <h2 id="difficulty-heading">Difficulty plan</h2>
      <p className="hint">
        Choose the levers you may pull, given the candidate's experience. Choosing none is a plan too: the
        task as written.
      </p>
      {levers.length === 0 ? (
        <p className="muted">This task has no levers; add some to the task to plan its difficulty.</p>
      ) : (
        <fieldset>
          <legend className="visually-hidden">Levers you may pull</legend>
          {levers.map((lever) => (
            <label key={lever.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(lever.id)}
                disabled={!drives}
                onChange={(event) => toggle(lever.id, event.target.checked)}
              />
              <span>
                <span className={`lever-direction lever-${lever.direction}`}>
                  {lever.direction === 'easier' ? 'Easier' : 'Harder'}
                </span>{' '}
                {lever.description}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <ErrorMessage error={save.error} />
      {levers.length > 0 && drives && (
        <div className="button-row">
          <button type="button" className="secondary" disabled={save.busy} onClick={() => save.run()}>
            Save difficulty plan
          </button>
          {saved && (
            <span role="status" className="success">
              Saved.
            </span>
          )}
        </div>
      )}
    </section>
  );
}
