import {
  type BiasCategory,
  type BiasTerm,
  biasCategories,
  biasCategoryLabels,
  biasTermsApi,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

interface TermDraft {
  phrase: string;
  category: BiasCategory;
  message: string;
  suggestion: string;
}
const empty: TermDraft = { phrase: '', category: 'affinity', message: '', suggestion: '' };

/** Admins add the organisation's own terms; the bias check flags them beside Pairwise's rules. */
export default function BiasTermsPage() {
  useDocumentTitle('Bias terms');
  const terms = useResource(() => call(biasTermsApi.list), 'bias-terms');
  const [editing, setEditing] = useState<BiasTerm | null>(null);
  const remove = useAction(async (id: string) => {
    await call(biasTermsApi.remove, { params: { id } });
    await terms.reload();
  });

  return (
    <section className="stack">
      <h1>Organisation bias terms</h1>
      <p className="hint">
        Words or phrases your organisation wants flagged in interview notes and impressions, beside the rules
        Pairwise ships with: internal jargon, nicknames for schools or groups, local expressions. Plain
        phrases only; spaces and hyphens match each other.
      </p>
      <TermForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={() => {
          setEditing(null);
          void terms.reload();
        }}
      />
      <h2>Terms</h2>
      <PageState loading={terms.loading && !terms.data} error={terms.error} />
      <ErrorMessage error={remove.error} />
      {terms.data &&
        (terms.data.terms.length === 0 ? (
          <p className="muted">No organisation terms yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Phrase</th>
                <th scope="col">May reflect</th>
                <th scope="col">Explanation and suggestion</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {terms.data.terms.map((term) => (
                <tr key={term.id}>
                  <td>“{term.phrase}”</td>
                  <td>{biasCategoryLabels[term.category]}</td>
                  <td>
                    {term.message} <em>{term.suggestion}</em>
                  </td>
                  <td className="button-row">
                    <button type="button" className="secondary small" onClick={() => setEditing(term)}>
                      Edit {term.phrase}
                    </button>
                    <button
                      type="button"
                      className="secondary small"
                      disabled={remove.busy}
                      onClick={() => void remove.run(term.id)}
                    >
                      Remove {term.phrase}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

function TermForm({ editing, onSaved }: { editing: BiasTerm | null; onSaved: () => void }) {
  const [draft, setDraft] = useState<TermDraft>(editing ?? empty);
  const save = useAction(async () => {
    const body = {
      phrase: draft.phrase,
      category: draft.category,
      message: draft.message,
      suggestion: draft.suggestion,
    };
    if (editing) await call(biasTermsApi.update, { params: { id: editing.id }, body });
    else await call(biasTermsApi.add, { body });
    setDraft(empty);
    onSaved();
  });
  const set = (key: keyof TermDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label={editing ? 'Edit term' : 'Add a term'}>
      <h2>{editing ? `Edit “${editing.phrase}”` : 'Add a term'}</h2>
      <Field label="Phrase" name="phrase" error={save.fields.phrase}>
        {(control) => (
          <input {...control} value={draft.phrase} onChange={(e) => set('phrase')(e.target.value)} />
        )}
      </Field>
      <Field label="May reflect" name="category" error={save.fields.category}>
        {(control) => (
          <select {...control} value={draft.category} onChange={(e) => set('category')(e.target.value)}>
            {biasCategories.map((category) => (
              <option key={category} value={category}>
                {biasCategoryLabels[category]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Why it may be biased (one line)" name="message" error={save.fields.message}>
        {(control) => (
          <input {...control} value={draft.message} onChange={(e) => set('message')(e.target.value)} />
        )}
      </Field>
      <Field label="Suggested evidence-based rewrite" name="suggestion" error={save.fields.suggestion}>
        {(control) => (
          <input {...control} value={draft.suggestion} onChange={(e) => set('suggestion')(e.target.value)} />
        )}
      </Field>
      <ErrorMessage error={save.error} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.busy}>
          {editing ? 'Save term' : 'Add term'}
        </button>
      </div>
    </form>
  );
}
