import { formatDuration } from '@pairwise/domain';
import type { ShownNote } from './use-notes.ts';

const syncLabels = {
  saved: '',
  sending: 'Saving…',
  waiting: 'Not sent yet: will retry',
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
}) {
  if (props.notes.length === 0) return <p className="muted">No notes yet.</p>;
  return (
    <ol className="note-list" aria-label="Notes, newest first">
      {props.notes.map((note) => (
        <li key={note.id} className={`note note-${note.sync}`} data-sync={note.sync}>
          <NoteOffset offsetMs={note.offsetMs} />
          <NoteTags tags={note.tags} />
          <span className="note-text">{note.text}</span>
          {props.showAuthor && note.authorName && <span className="note-author">{note.authorName}</span>}
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
  );
}
