/**
 * A set of choices ticked one by one (a token's scopes, a webhook's events): one fieldset with
 * its legend, a checkbox per option and the field's error under them.
 */
export function CheckboxGroup<T extends string>(props: {
  legend: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: readonly T[];
  onChange: (value: T[]) => void;
  error?: string | undefined;
}) {
  const { value, onChange } = props;
  return (
    <fieldset className={props.error ? 'field-invalid' : undefined}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} className="choice">
          <input
            type="checkbox"
            checked={value.includes(option)}
            onChange={(event) =>
              onChange(event.target.checked ? [...value, option] : value.filter((v) => v !== option))
            }
          />
          {props.labels[option]}
        </label>
      ))}
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  );
}
