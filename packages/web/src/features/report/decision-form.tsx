import {
  type DecisionOutcome,
  decisionLabels,
  decisionOutcomes,
  impressionsInText,
  type Report,
  reportsApi,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { ApiError, call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import './report.css';

export function DecisionForm({ report, onDecided }: { report: Report; onDecided: (report: Report) => void }) {
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const [note, setNote] = useState('');
  const [proceedReason, setProceedReason] = useState('');
  const missing = report.impressionsIn.missing;
  const decide = useAction(async () => {
    // The contract has no empty outcome: say so beside the choices instead of sending one.
    if (!outcome) {
      throw new ApiError(400, 'invalid_request', 'Choose a decision.', { outcome: 'Choose a decision.' });
    }
    const answer = await call(reportsApi.decide, {
      params: { id: report.interviewId },
      body: {
        outcome,
        note,
        // Only when someone is missing, and only with the reason the report will show.
        ...(missing.length > 0 ? { proceedWithoutPanel: { reason: proceedReason } } : {}),
      },
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
      {missing.length > 0 && (
        <div className="notice">
          <p>
            {impressionsInText(report.impressionsIn)}. Waiting keeps every panel member's judgement in the
            decision; decide now only with a reason, which the report shows.
          </p>
          <Field
            label={`Why decide without ${missing.map((m) => m.name).join(', ')}?`}
            name="proceedReason"
            error={decide.fields.proceedWithoutPanel ?? decide.fields['proceedWithoutPanel.reason']}
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={proceedReason}
                onChange={(e) => setProceedReason(e.target.value)}
              />
            )}
          </Field>
        </div>
      )}
      <ErrorMessage error={decide.error} />
      <div>
        <button type="submit" className="primary" disabled={decide.busy}>
          Record decision
        </button>
      </div>
    </form>
  );
}
