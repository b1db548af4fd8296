import {
  type InterviewDetail,
  interviewsApi,
  type Retrospective,
  type RetrospectiveRequest,
  retrospectivesApi,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatCalendarDate } from '../../lib/zoned-format.ts';
import { NoteOffset } from '../notes/note-list.tsx';
import { type ShownNote, useNotes } from '../notes/use-notes.ts';
import { useInterviewContext } from './interview-context.tsx';
import { retrospectiveQuestions } from './retrospective-questions.ts';
import './interview.css';

export function RetrospectivePanel() {
  const { interview, notesVersion } = useInterviewContext();
  const retro = useResource(
    () => call(retrospectivesApi.get, { params: { id: interview.id } }),
    interview.id,
  );
  const { notes, loadError } = useNotes(interview.id, notesVersion);
  if (!retro.data) return <PageState loading={retro.loading} error={retro.error} />;
  return (
    <>
      <ErrorMessage error={loadError} />
      <RetrospectiveForm saved={retro.data.retrospective} notes={notes} />
    </>
  );
}

function defaultNextSteps(interview: InterviewDetail): string {
  return (
    `${interview.navigator.name} and ${interview.position.lineManagerName} (line manager) will go through the ` +
    `session. You will hear back by the date you chose. Questions in the meantime: contact ${interview.navigator.name}.`
  );
}

/** Today in the viewer's zone, as the minimum for the deadline picker. */
function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function RetrospectiveForm({ saved, notes }: { saved: Retrospective | null; notes: ShownNote[] }) {
  const { interview, apply, can, drives } = useInterviewContext();
  const positive = notes.filter((note) => note.tags.includes('positive') && note.sync === 'saved');
  const [shared, setShared] = useState<string[]>(saved?.sharedNoteIds ?? []);
  const [answers, setAnswers] = useState(saved?.answers ?? { solution: '', learned: '', change: '' });
  const [deadline, setDeadline] = useState(saved?.deadline ?? '');
  const [nextSteps, setNextSteps] = useState(saved?.nextSteps || defaultNextSteps(interview));
  const [savedAt, setSavedAt] = useState<string | null>(saved?.updatedAt ?? null);

  const save = useAction(async (thenRefine: boolean) => {
    const body: RetrospectiveRequest = {
      sharedNoteIds: shared,
      answers,
      deadline: deadline || null,
      nextSteps,
    };
    const answer = await call(retrospectivesApi.save, { params: { id: interview.id }, body });
    setSavedAt(answer.retrospective.updatedAt ?? new Date().toISOString());
    if (thenRefine) {
      const moved = await call(interviewsApi.transition, {
        params: { id: interview.id },
        body: { action: 'start_refinement' },
      });
      apply(moved.interview);
    }
  });
  const fields = save.fields;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(false);
  };

  return (
    <form onSubmit={submit} className="stage-panel stack" aria-labelledby="retro-heading" noValidate>
      <h2 id="retro-heading">Retrospective with {interview.candidate.name}</h2>
      {!drives && (
        <p className="muted">{interview.navigator.name} leads the retrospective and records it here.</p>
      )}
      {/* One disabled group makes the whole record read-only for the rest of the panel. */}
      <fieldset className="plain stack" disabled={!drives}>
        <fieldset className="card">
          <legend>Share what went well</legend>
          <p className="hint">Notes you tagged positive. Tick the ones you shared with the candidate.</p>
          {positive.length === 0 ? (
            <p className="muted">No positive notes. Say what you observed going well in your own words.</p>
          ) : (
            positive.map((note) => (
              <label key={note.id} className="choice">
                <input
                  type="checkbox"
                  checked={shared.includes(note.id)}
                  onChange={(e) =>
                    setShared((ids) =>
                      e.target.checked ? [...ids, note.id] : ids.filter((id) => id !== note.id),
                    )
                  }
                />
                <span>
                  <NoteOffset offsetMs={note.offsetMs} /> {note.text}
                </span>
              </label>
            ))
          )}
        </fieldset>
        <fieldset className="card stack">
          <legend>Ask, and write down the answers</legend>
          {retrospectiveQuestions.map(({ key, question }) => (
            <Field key={key} label={question} name={key} error={fields[`answers.${key}`]}>
              {(control) => (
                <textarea
                  {...control}
                  rows={3}
                  value={answers[key]}
                  onChange={(e) => setAnswers((a) => ({ ...a, [key]: e.target.value }))}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <fieldset className="card stack">
          <legend>Close</legend>
          <Field
            label="By when would you like to hear back?"
            name="deadline"
            error={fields.deadline}
            hint={
              deadline
                ? `${formatCalendarDate(deadline)}. The line manager decides before this date.`
                : "The candidate's deadline; the line manager decides before it."
            }
          >
            {(control) => (
              <input
                {...control}
                type="date"
                min={today()}
                value={deadline}
                onChange={(e) => setDeadline(e.target.value)}
              />
            )}
          </Field>
          <Field label="Next steps and who to contact" name="nextSteps" error={fields.nextSteps}>
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={nextSteps}
                onChange={(e) => setNextSteps(e.target.value)}
              />
            )}
          </Field>
        </fieldset>
      </fieldset>
      <ErrorMessage error={save.error} />
      {drives && (
        <div className="button-row">
          <button type="submit" className="secondary" disabled={save.busy}>
            Save retrospective
          </button>
          {can('start_refinement') && (
            <button type="button" className="primary" disabled={save.busy} onClick={() => save.run(true)}>
              Save and start refinement
            </button>
          )}
          {savedAt && !save.busy && !save.error && (
            <span role="status" className="success">
              Saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}
