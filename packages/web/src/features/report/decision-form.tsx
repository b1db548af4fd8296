import { type DecisionOutcome, decisionLabels, decisionOutcomes, type Report } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { api } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import './report.css';

export function DecisionForm({ report, onDecided }: { report: Report; onDecided: (report: Report) => void }) {
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const [note, setNote] = useState('');
  const decide = useAction(async () => {
    const answer = await api.post<{ report: Report }>(`/interviews/${report.interviewId}/decision`, {
      outcome,
      note,
    });
    onDecided(answer.report);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void decide.run();
  };
  return (
    <form
      onSubmit={submit}
      className="card stack decision-form"
      aria-labelledby="decision-heading"
      noValidate
    >
      <h2 id="decision-heading">Record the decision</h2>
      <fieldset className={decide.fields.outcome ? 'field-invalid' : undefined}>
        <legend>Outcome</legend>
        {decisionOutcomes.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="outcome"
              value={value}
              checked={outcome === value}
              onChange={() => setOutcome(value)}
            />
            {decisionLabels[value]}
          </label>
        ))}
        {decide.fields.outcome && <p className="field-error">{decide.fields.outcome}</p>}
      </fieldset>
      <Field
        label="Note (optional)"
        name="note"
        error={decide.fields.note}
        hint="The reasons, in words you could share with the candidate."
      >
        {(control) => (
          <textarea {...control} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <ErrorMessage error={decide.error} />
      <div>
        <button type="submit" className="primary" disabled={decide.busy}>
          Record decision
        </button>
      </div>
    </form>
  );
}
