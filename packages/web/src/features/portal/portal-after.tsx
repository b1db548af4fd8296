import { portalApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { portalCalendarDate, portalDateTime, usePortalText } from './portal-i18n.ts';
import type { PortalPartProps } from './portal-status.tsx';

/** After the session: when to hear back, the decision notice, and the anonymous survey. */
export function PortalAfter(props: PortalPartProps) {
  const { view } = props;
  const tr = usePortalText();
  const { t } = tr;
  if (view.phase !== 'after' && view.phase !== 'decided') return null;
  return (
    <>
      <section className="portal-card" aria-labelledby="portal-hear-back">
        <h2 id="portal-hear-back">{t('portal.hearBackHeading')}</h2>
        {view.decisionMessageSentAt ? (
          <p>
            {t('portal.decisionSent', { at: portalDateTime(tr, view.decisionMessageSentAt, view.timeZone) })}
          </p>
        ) : view.hearBack.deadline ? (
          <p>{t('portal.hearBackBy', { date: portalCalendarDate(tr, view.hearBack.deadline) })}</p>
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
  const { t } = usePortalText();
  const [deadline, setDeadline] = useState('');
  const save = useAction(async () => {
    onChange((await call(portalApi.recordHearBack, { params: { token }, body: { deadline } })).portal);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('portal.hearBackForm')} noValidate>
      <Field
        label={t('portal.hearBackLabel')}
        name="deadline"
        error={save.fields.deadline}
        hint={t('portal.hearBackHint')}
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
          {t('portal.hearBackSave')}
        </button>
      </div>
    </form>
  );
}

const SCORES = [1, 2, 3, 4, 5];

function Survey({ token, view, onChange }: PortalPartProps) {
  const { t } = usePortalText();
  const [score, setScore] = useState<number | null>(null);
  const [surprise, setSurprise] = useState('');
  const [comments, setComments] = useState('');
  const send = useAction(async () => {
    // Unanswered, 0 is below the scale: the server refuses it and marks the field, like any other gap.
    const answer = { preparedScore: score ?? 0, surprise, comments };
    onChange((await call(portalApi.answerSurvey, { params: { token }, body: answer })).portal);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  return (
    <section className="portal-card" aria-labelledby="portal-survey">
      <h2 id="portal-survey">{t('portal.surveyHeading')}</h2>
      {view.survey.answered ? (
        <p className="portal-done" role="status">
          {t('portal.surveyThanks')}
        </p>
      ) : (
        <form onSubmit={submit} className="stack" aria-label={t('portal.surveyForm')} noValidate>
          <p className="hint">{t('portal.surveyAnonymous')}</p>
          <fieldset className={send.fields.preparedScore ? 'field-invalid' : undefined}>
            <legend>{t('portal.surveyPrepared')}</legend>
            <div className="portal-scale">
              {SCORES.map((value) => (
                <label key={value} className="choice">
                  <input
                    type="radio"
                    name="preparedScore"
                    value={value}
                    checked={score === value}
                    onChange={() => setScore(value)}
                  />
                  {value} · {t('portal.surveyScore', { score: String(value) })}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label={t('portal.surveySurprise')} name="surprise" error={send.fields.surprise}>
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={surprise}
                onChange={(e) => setSurprise(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('portal.surveyComments')} name="comments" error={send.fields.comments}>
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
              {t('portal.surveySend')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
