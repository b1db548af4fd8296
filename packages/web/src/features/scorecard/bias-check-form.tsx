import { type BiasChecklistId, biasChecklist } from '@pairwise/domain';
import { fieldFor, type ScorecardDraft } from './scorecard-draft.ts';

export function BiasCheckForm(props: {
  checklist: ScorecardDraft['biasChecklist'];
  onChange: (id: BiasChecklistId, answer: { reflected: boolean; comment: string }) => void;
  fields: Record<string, string>;
  disabled: boolean;
}) {
  return (
    <fieldset className={`card bias-check${props.fields.biasChecklist ? ' field-invalid' : ''}`}>
      <legend>Bias check</legend>
      <p className="hint">
        Go through each question honestly before rating. Tick it once you have reflected; note anything you
        corrected.
      </p>
      <ol>
        {biasChecklist.map((item) => {
          const answer = props.checklist[item.id];
          const error = fieldFor(props.fields, 'biasChecklist', item.id);
          return (
            <li key={item.id} className={error ? 'field-invalid' : undefined}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={answer.reflected}
                  disabled={props.disabled}
                  onChange={(e) => props.onChange(item.id, { ...answer, reflected: e.target.checked })}
                />
                <span>{item.question}</span>
              </label>
              <label className="visually-hidden" htmlFor={`bias-${item.id}`}>
                What I noticed or corrected: {item.question}
              </label>
              <div className="bias-comment">
                <input
                  id={`bias-${item.id}`}
                  placeholder="What I noticed or corrected (optional)"
                  value={answer.comment}
                  disabled={props.disabled}
                  onChange={(e) => props.onChange(item.id, { ...answer, comment: e.target.value })}
                />
              </div>
              {error && <p className="field-error">{error}</p>}
            </li>
          );
        })}
      </ol>
      {props.fields.biasChecklist && <p className="field-error">{props.fields.biasChecklist}</p>}
    </fieldset>
  );
}
