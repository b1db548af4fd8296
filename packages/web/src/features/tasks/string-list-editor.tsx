import { useId } from 'react';
import './tasks.css';

/** An ordered list of one-line entries (setup commands), each its own labelled input. */
export function StringListEditor(props: {
  legend: string;
  itemLabel: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  error?: string;
}) {
  const id = useId();
  const { items, onChange } = props;
  const update = (index: number, value: string) =>
    onChange(items.map((item, i) => (i === index ? value : item)));
  const move = (index: number, by: number) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  };
  return (
    <fieldset className={props.error ? 'field-invalid' : undefined}>
      <legend>{props.legend}</legend>
      {props.hint && <p className="hint">{props.hint}</p>}
      <ol className="editable-list">
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are plain strings edited in place.
          <li key={index}>
            <label htmlFor={`${id}-${index}`} className="visually-hidden">
              {props.itemLabel} {index + 1}
            </label>
            <input
              id={`${id}-${index}`}
              className="mono"
              value={item}
              onChange={(event) => update(index, event.target.value)}
            />
            <button
              type="button"
              className="secondary small"
              disabled={index === 0}
              onClick={() => move(index, -1)}
              aria-label={`Move ${props.itemLabel.toLowerCase()} ${index + 1} up`}
            >
              ↑
            </button>
            <button
              type="button"
              className="secondary small"
              onClick={() => onChange(items.filter((_, i) => i !== index))}
              aria-label={`Remove ${props.itemLabel.toLowerCase()} ${index + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => onChange([...items, ''])}>
        Add {props.itemLabel.toLowerCase()}
      </button>
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  );
}
