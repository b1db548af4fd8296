import type { PortalView } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { api } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatCalendarDate, formatDateTime } from '../../lib/zoned-format.ts';
import { type PortalPartProps, portalPath } from './portal-status.tsx';

/** After the session: when to hear back, the decision notice, and the anonymous survey. */
export function PortalAfter(props: PortalPartProps) {
  const { view } = props;
  if (view.phase !== 'after' && view.phase !== 'decided') return null;
  return (
    <>
      <section className="portal-card" aria-labelledby="portal-hear-back">
        <h2 id="portal-hear-back">Hearing back from us</h2>
        {view.decisionMessageSentAt ? (
          <p>
            We sent you our answer by email on {formatDateTime(view.decisionMessageSentAt, view.timeZone)}.
          </p>
        ) : view.hearBack.deadline ? (
          <p>
            You would like to hear back by <strong>{formatCalendarDate(view.hearBack.deadline)}</strong>. We
            will write to you by then.
          </p>
        ) : null}
        {view.hearBack.asked && <HearBackForm {...props} />}
      </section>
      {view.survey.open && <Survey {...props} />}
    </>
  );
}

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function HearBackForm({ token, view, onChange }: PortalPartProps) {
  const [deadline, setDeadline] = useState('');
  const save = useAction(async () => {
    onChange((await api.put<{ portal: PortalView }>(portalPath(token, '/hear-back'), { deadline })).portal);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="By when would you like to hear back?" noValidate>
      <Field
        label="By when would you like to hear back from us?"
        name="deadline"
        error={save.fields.deadline}
        hint="Pick the date that works for you; we plan our decision around it."
      >
        {(control) => (
          <input
            {...control}
            type="date"
            min={todayIn(view.timeZone)}
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            required
          />
        )}
      </Field>
      <ErrorMessage error={save.error} />
      <div>
        <button type="submit" className="primary" disabled={save.busy || !deadline}>
          Save the date
        </button>
      </div>
    </form>
  );
}

const scoreLabels = ['Not at all', 'A little', 'Partly', 'Well', 'Very well'];

function Survey({ token, view, onChange }: PortalPartProps) {
  const [score, setScore] = useState<number | null>(null);
  const [surprise, setSurprise] = useState('');
  const [comments, setComments] = useState('');
  const send = useAction(async () => {
    const answer = { preparedScore: score, surprise, comments };
    onChange((await api.post<{ portal: PortalView }>(portalPath(token, '/survey'), answer)).portal);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  return (
    <section className="portal-card" aria-labelledby="portal-survey">
      <h2 id="portal-survey">Three short questions</h2>
      {view.survey.answered ? (
        <p className="portal-done" role="status">
          Thank you for your answers. They help the next candidate.
        </p>
      ) : (
        <form onSubmit={submit} className="stack" aria-label="Survey" noValidate>
          <p className="hint">
            Your answers are stored without your name and without a link to your interview. We only ever look
            at them together with others for the same position.
          </p>
          <fieldset className={send.fields.preparedScore ? 'field-invalid' : undefined}>
            <legend>How well did we prepare you for what happened today?</legend>
            <div className="portal-scale">
              {scoreLabels.map((label, index) => (
                <label key={label} className="choice">
                  <input
                    type="radio"
                    name="preparedScore"
                    value={index + 1}
                    checked={score === index + 1}
                    onChange={() => setScore(index + 1)}
                  />
                  {index + 1} · {label}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label="Was anything a surprise?" name="surprise" error={send.fields.surprise}>
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={surprise}
                onChange={(e) => setSurprise(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Anything else you would like to tell us?"
            name="comments"
            error={send.fields.comments}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={comments}
                onChange={(e) => setComments(e.target.value)}
              />
            )}
          </Field>
          <ErrorMessage error={send.error} />
          <div>
            <button type="submit" className="primary" disabled={send.busy || score === null}>
              Send anonymously
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
