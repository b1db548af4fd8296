import {
  defaultFocusAttributes,
  type FocusAttribute,
  type FocusAttributeInput,
  type Position,
  positionsApi,
} from '@pairwise/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage, humanizeField } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import './positions.css';

type Anchors = [string, string, string, string];

/** One attribute as the admin edits it; `key` keeps React's identity (and its errors) across moves. */
interface AttributeDraft {
  key: string;
  id?: string;
  label: string;
  anchors: Anchors;
}

/** One editor is open at a time; the page focuses its heading when asked to open it again. */
export const editorHeadingId = 'focus-attributes-heading';
const maxAttributes = 12;
const anchorSteps = [0, 1, 2, 3] as const;

const legendText = (draft: AttributeDraft, index: number) =>
  `${index + 1}. ${draft.label.trim() || 'New attribute'}`;

let nextKey = 0;
const draftOf = (attribute?: FocusAttribute): AttributeDraft => ({
  key: `attribute-${++nextKey}`,
  id: attribute?.id,
  label: attribute?.label ?? '',
  anchors: attribute ? [...attribute.anchors] : ['', '', '', ''],
});

/** Where focus goes after a change to the list, so a keyboard user stays on the attribute they moved. */
type FocusRequest = { key: string; control: 'up' | 'down' | 'name' } | { key: null; control: 'add' };

/**
 * An admin's editor for a position's focus attributes: rename, reword anchors, reorder, remove, add.
 * Existing attributes send their id back unchanged, so ratings given on them survive a rename.
 */
export function FocusAttributesEditor(props: {
  position: Position;
  onSaved: (position: Position) => void;
  onClose: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [drafts, setDrafts] = useState(() => props.position.focusAttributes.map(draftOf));
  const [saved, setSaved] = useState(false);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  // Field errors name the index sent; the keys sent map them back after later moves.
  const submittedKeys = useRef<string[]>([]);

  const save = useAction(async (list: AttributeDraft[]) => {
    submittedKeys.current = list.map((draft) => draft.key);
    const focusAttributes: FocusAttributeInput[] = list.map(({ id, label, anchors }) =>
      id ? { id, label, anchors } : { label, anchors },
    );
    const { position } = await call(positionsApi.update, {
      params: { id: props.position.id },
      body: { focusAttributes },
    });
    setDrafts(position.focusAttributes.map(draftOf));
    setSaved(true);
    props.onSaved(position);
  });

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (!focusRequest) return;
    const find = (selector: string) => formRef.current?.querySelector<HTMLElement>(selector);
    const control = (key: string, name: string) => find(`[data-control="${key}-${name}"]`);
    let target: HTMLElement | null | undefined;
    if (focusRequest.key === null) target = find('[data-control="add"]');
    else if (focusRequest.control === 'name') target = control(focusRequest.key, 'name');
    else {
      // At the top of the list "Move up" is disabled: land on the other move button.
      const [wanted, other] = focusRequest.control === 'up' ? ['up', 'down'] : ['down', 'up'];
      const button = control(focusRequest.key, wanted);
      target =
        button instanceof HTMLButtonElement && button.disabled ? control(focusRequest.key, other) : button;
    }
    target?.focus();
    setFocusRequest(null);
  }, [focusRequest]);

  const change = (next: AttributeDraft[]) => {
    setDrafts(next);
    setSaved(false);
  };
  const update = (key: string, patch: Partial<AttributeDraft>) =>
    change(drafts.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  const move = (index: number, by: -1 | 1) => {
    const moved = drafts[index];
    if (!moved) return;
    const next = drafts.filter((_, i) => i !== index);
    next.splice(index + by, 0, moved);
    change(next);
    setFocusRequest({ key: moved.key, control: by < 0 ? 'up' : 'down' });
  };
  const remove = (index: number) => {
    const next = drafts.filter((_, i) => i !== index);
    change(next);
    const neighbour = next[index] ?? next[index - 1];
    setFocusRequest(neighbour ? { key: neighbour.key, control: 'name' } : { key: null, control: 'add' });
  };
  const add = () => {
    const draft = draftOf();
    change([...drafts, draft]);
    setFocusRequest({ key: draft.key, control: 'name' });
  };
  const fieldError = (key: string, path: string) => {
    const index = submittedKeys.current.indexOf(key);
    return index < 0 ? undefined : save.fields[`focusAttributes.${index}.${path}`];
  };
  const legendOf = (submittedIndex: number) => {
    const index = drafts.findIndex((draft) => draft.key === submittedKeys.current[submittedIndex]);
    const draft = drafts[index];
    return draft ? legendText(draft, index) : `attribute ${submittedIndex + 1}`;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(drafts);
  };
  const title = props.position.title;

  return (
    <form ref={formRef} onSubmit={submit} className="card stack" aria-labelledby={editorHeadingId} noValidate>
      <h2 id={editorHeadingId} ref={headingRef} tabIndex={-1}>
        Focus attributes of {title}
      </h2>
      <p className="hint">
        Candidates are rated on each attribute from 1 to 4; the anchors say what each step looks like, from
        anchor 1 (weakest) to anchor 4 (strongest). Changes apply to scorecards not yet submitted; submitted
        scorecards keep the attributes they were rated on. Renaming an attribute keeps the ratings given on
        it.
      </p>
      {save.fields.focusAttributes && <p className="field-error">{save.fields.focusAttributes}</p>}
      <ol className="focus-attribute-list">
        {drafts.map((draft, index) => {
          const name = draft.label.trim() || `attribute ${index + 1}`;
          return (
            <li key={draft.key}>
              <fieldset className="focus-attribute">
                <legend>{legendText(draft, index)}</legend>
                <div className="focus-attribute-head">
                  <Field label="Name" name={`label-${draft.key}`} error={fieldError(draft.key, 'label')}>
                    {(control) => (
                      <input
                        {...control}
                        data-control={`${draft.key}-name`}
                        maxLength={100}
                        value={draft.label}
                        onChange={(e) => update(draft.key, { label: e.target.value })}
                      />
                    )}
                  </Field>
                  <div className="button-row">
                    <button
                      type="button"
                      data-control={`${draft.key}-up`}
                      className="secondary small"
                      aria-label={`Move up ${name}`}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      Move up
                    </button>
                    <button
                      type="button"
                      data-control={`${draft.key}-down`}
                      className="secondary small"
                      aria-label={`Move down ${name}`}
                      disabled={index === drafts.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      Move down
                    </button>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Remove ${name}`}
                      disabled={drafts.length === 1}
                      onClick={() => remove(index)}
                    >
                      Remove
                    </button>
                  </div>
                </div>
                <div className="anchor-grid">
                  {anchorSteps.map((step) => (
                    <Field
                      key={step}
                      label={`Anchor ${step + 1}`}
                      name={`anchor-${draft.key}-${step}`}
                      error={fieldError(draft.key, `anchors.${step}`)}
                    >
                      {(control) => (
                        <textarea
                          {...control}
                          rows={2}
                          maxLength={300}
                          value={draft.anchors[step]}
                          onChange={(e) => {
                            const anchors: Anchors = [...draft.anchors];
                            anchors[step] = e.target.value;
                            update(draft.key, { anchors });
                          }}
                        />
                      )}
                    </Field>
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        <button
          type="button"
          data-control="add"
          className="secondary"
          disabled={drafts.length >= maxAttributes}
          onClick={add}
        >
          Add an attribute
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => change(defaultFocusAttributes.map(draftOf))}
        >
          Reset to the defaults
        </button>
        {drafts.length >= maxAttributes && (
          <span className="muted">At most {maxAttributes} attributes fit one session.</span>
        )}
      </div>
      <SaveErrors error={save.error} fields={save.fields} legendOf={legendOf} />
      <div className="button-row">
        <button type="submit" disabled={save.busy}>
          Save focus attributes
        </button>
        <button type="button" className="secondary" onClick={props.onClose}>
          Cancel
        </button>
        <span className="success" role="status">
          {saved ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}

/** The server's refusal in the editor's words: which attribute (as its legend reads now) and which input. */
function SaveErrors(props: {
  error: unknown;
  fields: Record<string, string>;
  legendOf: (submittedIndex: number) => string;
}) {
  const entries = Object.entries(props.fields);
  if (!props.error) return null;
  if (entries.length === 0) return <ErrorMessage error={props.error} />;
  const describe = (field: string) => {
    const match = /^focusAttributes\.(\d+)\.(?:label|anchors\.(\d))$/.exec(field);
    if (!match) return field === 'focusAttributes' ? 'Focus attributes' : humanizeField(field);
    const legend = props.legendOf(Number(match[1]));
    return match[2] === undefined ? `${legend}, name` : `${legend}, anchor ${Number(match[2]) + 1}`;
  };
  return (
    <div className="error-message" role="alert">
      <p>Not saved: correct the marked {entries.length === 1 ? 'field' : 'fields'}.</p>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <span className="field-name">{describe(field)}:</span> {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
