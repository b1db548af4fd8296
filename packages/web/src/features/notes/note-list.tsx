import { formatDuration } from '@pairwise/domain';
import { useState } from 'react';
import type { ShownNote } from './use-notes.ts';
import './notes.css';

const syncLabels = {
  saved: '✓ Saved',
  sending: 'Pending: sending…',
  waiting: 'Pending: kept on this device, sent when the server is reachable',
  rejected: 'Refused by the server',
} as const;

export function NoteOffset({ offsetMs }: { offsetMs: number | null }) {
  return <span className="note-offset">{offsetMs === null ? '—' : formatDuration(offsetMs)}</span>;
}

export function NoteTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <span className="note-tags">
      {tags.map((tag) => (
        <span key={tag} className={`tag tag-${tag}`}>
          {tag}
        </span>
      ))}
    </span>
  );
}

/** Notes newest first, each with its offset into pairing, tags, and whether the server has it. */
export function NoteList(props: {
  notes: ShownNote[];
  onDiscard?: (id: string) => void;
  showAuthor?: boolean;
  /** Saved notes can be corrected or removed during the session; the server keeps revisions. */
  onEdit?: (note: ShownNote, text: string) => Promise<void>;
  onDelete?: (note: ShownNote) => Promise<void>;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  if (props.notes.length === 0) return <p className="muted">No notes yet.</p>;
  return (
    <>
      {actionError && (
        <p className="field-error" role="alert">
          {actionError}
        </p>
      )}
      <ol className="note-list" aria-label="Notes, newest first">
        {props.notes.map((note) => (
          <li key={note.id} className={`note note-${note.sync}`} data-sync={note.sync}>
            <NoteOffset offsetMs={note.offsetMs} />
            <NoteTags tags={note.tags} />
            {editing === note.id && props.onEdit ? (
              <NoteEditor
                note={note}
                onSave={async (text) => {
                  await props.onEdit?.(note, text);
                  setEditing(null);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <span className="note-text">{note.text}</span>
            )}
            {props.showAuthor && note.authorName && <span className="note-author">{note.authorName}</span>}
            {note.sync === 'saved' && <span className="note-sync note-saved">{syncLabels.saved}</span>}
            {note.sync !== 'rejected' && props.onEdit && editing !== note.id && (
              <span className="note-actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Edit note: ${note.text}`}
                  onClick={() => setEditing(note.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Delete note: ${note.text}`}
                  onClick={() => {
                    setActionError(null);
                    props
                      .onDelete?.(note)
                      .catch((caught: unknown) => setActionError(String((caught as Error).message)));
                  }}
                >
                  Delete
                </button>
              </span>
            )}
            {note.sync !== 'saved' && (
              <span className="note-sync">
                {syncLabels[note.sync]}
                {note.rejection && `: ${note.rejection}`}
                {note.sync === 'rejected' && props.onDiscard && (
                  <button type="button" className="link-button" onClick={() => props.onDiscard?.(note.id)}>
                    Discard
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Enter saves the corrected wording (tags stay); Escape keeps the note as it was. */
function NoteEditor(props: {
  note: ShownNote;
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(props.note.text);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="note-editor">
      <input
        aria-label="Note text"
        value={draft}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this note.
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onCancel();
          if (event.key !== 'Enter') return;
          event.preventDefault();
          if (!draft.trim()) return;
          props.onSave(draft).catch((caught: unknown) => setError(String((caught as Error).message)));
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}
