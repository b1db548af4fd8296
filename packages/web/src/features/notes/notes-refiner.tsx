import { type Note, type NoteTag, notesApi, noteTags } from '@pairwise/domain';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { NoteOffset, NoteTags } from './note-list.tsx';
import './notes.css';

/** Notes refined after the session: edits keep the original as a visible revision. */
export function NotesRefiner(props: { interviewId: string; notes: Note[]; onChanged: (note: Note) => void }) {
  const notes = props.notes.filter((note) => !note.deleted);
  return (
    <section aria-labelledby="refine-notes-heading" className="card">
      <h3 id="refine-notes-heading">Refine your notes</h3>
      <p className="hint">
        Make each note factual and specific: what happened, not what it says about the person. Originals are
        kept.
      </p>
      {notes.length === 0 ? (
        <p className="muted">No notes.</p>
      ) : (
        <ol className="note-list refine">
          {notes.map((note) => (
            <RefinableNote
              key={note.id}
              interviewId={props.interviewId}
              note={note}
              onChanged={props.onChanged}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function RefinableNote(props: { interviewId: string; note: Note; onChanged: (note: Note) => void }) {
  const { note } = props;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [tags, setTags] = useState<NoteTag[]>(note.tags);
  const save = useAction(async () => {
    const answer = await call(notesApi.edit, {
      params: { id: props.interviewId, noteId: note.id },
      body: { text, tags },
    });
    props.onChanged(answer.note);
    setEditing(false);
  });

  return (
    <li className="note">
      <NoteOffset offsetMs={note.offsetMs} />
      {editing ? (
        <form
          className="note-edit stack"
          onSubmit={(event) => {
            event.preventDefault();
            void save.run();
          }}
        >
          <Field label="Note text" name="text" error={save.fields.text}>
            {(control) => (
              <textarea {...control} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
            )}
          </Field>
          <fieldset className="tag-picker">
            <legend>Tags</legend>
            {noteTags.map((tag) => (
              <label key={tag} className="choice inline">
                <input
                  type="checkbox"
                  checked={tags.includes(tag)}
                  onChange={(e) =>
                    setTags((t) => (e.target.checked ? [...t, tag] : t.filter((x) => x !== tag)))
                  }
                />
                {tag}
              </label>
            ))}
          </fieldset>
          <ErrorMessage error={save.error} />
          <div className="button-row">
            <button type="submit" disabled={save.busy}>
              Save note
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditing(false);
                setText(note.text);
                setTags(note.tags);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <NoteTags tags={note.tags} />
          <span className="note-text">{note.text}</span>
          <button
            type="button"
            className="secondary small"
            onClick={() => setEditing(true)}
            aria-label={`Edit note at ${note.offsetMs === null ? 'no offset' : 'offset'}: ${note.text.slice(0, 40)}`}
          >
            Edit
          </button>
        </>
      )}
      {note.revisions.length > 0 && (
        <details className="revisions">
          <summary>
            {note.revisions.length === 1
              ? 'Edited: see the original'
              : `Edited ${note.revisions.length} times`}
          </summary>
          <ol>
            {note.revisions.map((revision, index) => (
              <li key={revision.revisedAt}>
                <span className="muted">
                  {index === 0 ? 'Original' : `Version ${index + 1}`} (replaced{' '}
                  {formatDateTime(revision.revisedAt)}):
                </span>{' '}
                <span className="revision-text">{revision.text}</span> <NoteTags tags={revision.tags} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
