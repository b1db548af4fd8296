import type { Lever } from '@pairwise/domain';
import { useId } from 'react';
import { newClientId } from '../../lib/client-id.ts';
import './tasks.css';

/** Easier/harder levers the navigator may pull during pairing; ids are generated, never typed. */
export function LeverListEditor(props: {
  levers: Lever[];
  onChange: (levers: Lever[]) => void;
  error?: string;
}) {
  const id = useId();
  const { levers, onChange } = props;
  const update = (index: number, patch: Partial<Lever>) =>
    onChange(levers.map((lever, i) => (i === index ? { ...lever, ...patch } : lever)));
  const add = (direction: Lever['direction']) =>
    onChange([...levers, { id: `lever-${newClientId().slice(0, 8)}`, direction, description: '' }]);
  return (
    <fieldset className={props.error ? 'field-invalid' : undefined}>
      <legend>Difficulty levers</legend>
      <p className="hint">
        Ways to make the task easier or harder during pairing, so it can meet the candidate where they are.
      </p>
      <ul className="editable-list">
        {levers.map((lever, index) => (
          <li key={lever.id}>
            <label htmlFor={`${id}-${index}-direction`} className="visually-hidden">
              Lever {index + 1} direction
            </label>
            <select
              id={`${id}-${index}-direction`}
              value={lever.direction}
              onChange={(event) => update(index, { direction: event.target.value as Lever['direction'] })}
            >
              <option value="easier">Easier</option>
              <option value="harder">Harder</option>
            </select>
            <label htmlFor={`${id}-${index}-description`} className="visually-hidden">
              Lever {index + 1} description
            </label>
            <input
              id={`${id}-${index}-description`}
              value={lever.description}
              placeholder="e.g. Give the failing test for the edge case"
              onChange={(event) => update(index, { description: event.target.value })}
            />
            <button
              type="button"
              className="secondary small"
              onClick={() => onChange(levers.filter((_, i) => i !== index))}
              aria-label={`Remove lever ${index + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => add('easier')}>
          Add easier lever
        </button>
        <button type="button" className="secondary" onClick={() => add('harder')}>
          Add harder lever
        </button>
      </div>
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  );
}
