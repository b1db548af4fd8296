import { type Candidate, candidatesApi } from '@pairwise/domain';
import { useState } from 'react';
import { call } from '../lib/api-client.ts';
import { useResource } from '../lib/use-resource.ts';
import type { ControlProps } from './form-field.tsx';

/**
 * Choosing one candidate among many thousands: a search box (start of a name or the address)
 * narrows the list, which shows one page of matches; the chosen candidate stays listed while
 * another search runs. Keyboard: type, Tab to the list, arrows to choose.
 */
export function CandidatePicker(props: {
  control: ControlProps;
  value: string;
  onChange: (candidate: Candidate | null) => void;
  /** What an option says; the name and address unless told. */
  format?: (candidate: Candidate) => string;
  placeholder?: string;
  /** Whether choosing none is allowed (a filter) or not (a form field). */
  optional?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const trimmed = query.trim();
  const matches = useResource(
    () => call(candidatesApi.list, { query: { limit: 50, ...(trimmed ? { q: trimmed } : {}) } }),
    `candidate-picker:${trimmed}`,
  );
  const found = matches.data?.candidates ?? [];
  const options = chosen && !found.some((c) => c.id === chosen.id) ? [chosen, ...found] : found;
  const format = props.format ?? ((c: Candidate) => (c.email ? `${c.name} (${c.email})` : c.name));
  const searchId = `${props.control.id}-search`;
  const statusId = `${props.control.id}-matches`;
  return (
    <div className="candidate-picker">
      <label htmlFor={searchId} className="hint">
        Find by name or email
      </label>
      <input
        id={searchId}
        type="search"
        value={query}
        autoComplete="off"
        aria-controls={props.control.id}
        aria-describedby={statusId}
        onChange={(event) => setQuery(event.target.value)}
      />
      <select
        {...props.control}
        required={!props.optional}
        value={props.value}
        onChange={(event) => {
          const candidate = options.find((c) => c.id === event.target.value) ?? null;
          setChosen(candidate);
          props.onChange(candidate);
        }}
      >
        <option value="">{props.placeholder ?? 'Choose…'}</option>
        {options.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {format(candidate)}
          </option>
        ))}
      </select>
      <p className="hint" id={statusId} aria-live="polite">
        {matches.loading
          ? 'Searching…'
          : found.length === 0
            ? trimmed
              ? 'No candidate matches.'
              : ''
            : matches.data?.nextCursor
              ? `The first ${found.length} matches; type more to narrow them.`
              : `${found.length} ${found.length === 1 ? 'match' : 'matches'}.`}
      </p>
    </div>
  );
}
