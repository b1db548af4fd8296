import { type Occurrence, resolveLocalTime } from '@pairwise/domain';

/**
 * When the clocks go back, a wall-clock time happens twice: the planner says which one is meant
 * instead of Pairwise choosing silently. Renders nothing for every other time.
 */
export function OccurrenceChoice(props: {
  startsAtLocal: string;
  timeZone: string;
  value: Occurrence | undefined;
  onChange: (occurrence: Occurrence) => void;
  error?: string | undefined;
}) {
  const resolved = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(props.startsAtLocal)
    ? resolveLocalTime(props.startsAtLocal, props.timeZone)
    : null;
  if (resolved?.kind !== 'ambiguous') return null;
  const clock = props.startsAtLocal.slice(11, 16);
  const options: Array<[Occurrence, string]> = [
    ['earlier', `The earlier ${clock}, before the clocks go back (${resolved.earlierOffset})`],
    ['later', `The later ${clock}, after the clocks go back (${resolved.laterOffset})`],
  ];
  return (
    <fieldset className="field">
      <legend>
        {clock} happens twice in {props.timeZone} that night. Which one do you mean?
      </legend>
      {options.map(([occurrence, text]) => (
        <label key={occurrence} className="checkbox">
          <input
            type="radio"
            name="startsAtOccurrence"
            value={occurrence}
            checked={props.value === occurrence}
            onChange={() => props.onChange(occurrence)}
          />
          {text}
        </label>
      ))}
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  );
}

/** The occurrence to send: only for a repeated time, so a stale choice never travels with another. */
export function occurrenceFor(
  startsAtLocal: string,
  timeZone: string,
  occurrence: Occurrence | undefined,
): { startsAtOccurrence?: Occurrence } {
  const resolved = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(startsAtLocal)
    ? resolveLocalTime(startsAtLocal, timeZone)
    : null;
  return resolved?.kind === 'ambiguous' && occurrence ? { startsAtOccurrence: occurrence } : {};
}
