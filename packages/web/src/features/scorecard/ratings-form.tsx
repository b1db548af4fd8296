import type { Note } from '@pairwise/domain';
import { NoteOffset, NoteTags } from '../notes/note-list.tsx';
import { fieldFor, type RatingDraft, type ScorecardDraft } from './scorecard-draft.ts';

/** Ratings 1–4 against each of the position's attributes, each backed by the notes that show it. */
export function RatingsForm(props: {
  draft: ScorecardDraft;
  notes: Note[];
  onChange: (attribute: string, rating: RatingDraft) => void;
  fields: Record<string, string>;
  disabled: boolean;
}) {
  const notes = props.notes.filter((note) => !note.deleted);
  return (
    <section aria-labelledby="ratings-heading" className="ratings">
      <h3 id="ratings-heading">Ratings</h3>
      <p className="hint">
        Rate what the session showed, against the anchors, and link at least one note as evidence for each
        rating.
      </p>
      {props.draft.focusAttributes.map((attribute, index) => {
        const rating = props.draft.ratings[attribute.id] ?? { score: null, evidenceNoteIds: [] };
        const error =
          fieldFor(props.fields, 'ratings', attribute.id) ?? fieldFor(props.fields, 'ratings', String(index));
        return (
          <fieldset key={attribute.id} className={`card rating${error ? ' field-invalid' : ''}`}>
            <legend>{attribute.label}</legend>
            <div className="anchors">
              {attribute.anchors.map((anchor, i) => {
                const score = i + 1;
                return (
                  <label key={anchor} className="anchor">
                    <input
                      type="radio"
                      name={`score-${attribute.id}`}
                      value={score}
                      checked={rating.score === score}
                      disabled={props.disabled}
                      onChange={() => props.onChange(attribute.id, { ...rating, score })}
                    />
                    <span className="anchor-score">{score}</span>
                    <span className="anchor-text">{anchor}</span>
                  </label>
                );
              })}
            </div>
            {rating.score !== null && (
              <fieldset className="evidence">
                <legend>Evidence for {attribute.label.toLowerCase()}</legend>
                {notes.length === 0 && <p className="muted">No notes to link.</p>}
                {notes.map((note) => (
                  <label key={note.id} className="choice">
                    <input
                      type="checkbox"
                      checked={rating.evidenceNoteIds.includes(note.id)}
                      disabled={props.disabled}
                      onChange={(e) =>
                        props.onChange(attribute.id, {
                          ...rating,
                          evidenceNoteIds: e.target.checked
                            ? [...rating.evidenceNoteIds, note.id]
                            : rating.evidenceNoteIds.filter((id) => id !== note.id),
                        })
                      }
                    />
                    <span>
                      <NoteOffset offsetMs={note.offsetMs} /> <NoteTags tags={note.tags} /> {note.text}
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            {error && <p className="field-error">{error}</p>}
          </fieldset>
        );
      })}
    </section>
  );
}
