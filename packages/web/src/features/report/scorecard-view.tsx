import { type Note, recommendationLabels, type Scorecard } from '@pairwise/domain';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { NoteOffset, NoteTags } from '../notes/note-list.tsx';
import './report.css';

/** One panel member's scorecard: impression first, then each rating with the notes behind it. */
export function ScorecardView({ scorecard, notes }: { scorecard: Scorecard; notes: Note[] }) {
  const byId = new Map(notes.map((note) => [note.id, note]));
  return (
    <article className="card scorecard-view" aria-label={`Scorecard by ${scorecard.authorName}`}>
      <h3>
        {scorecard.authorName}
        {scorecard.submittedAt ? (
          <span className="muted"> · submitted {formatDateTime(scorecard.submittedAt)}</span>
        ) : (
          <span className="muted"> · not submitted yet</span>
        )}
      </h3>
      <dl className="headline">
        <div>
          <dt>Recommendation</dt>
          <dd className={`recommendation rec-${scorecard.recommendation ?? 'none'}`}>
            {scorecard.recommendation ? recommendationLabels[scorecard.recommendation] : 'None'}
          </dd>
        </div>
      </dl>
      <h4>Impression</h4>
      <p className="impression">{scorecard.impression || '—'}</p>
      <h4>Ratings</h4>
      <table className="ratings-table">
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Score</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {scorecard.focusAttributes.map((attribute) => {
            const rating = scorecard.ratings.find((r) => r.attribute === attribute.id);
            return (
              <tr key={attribute.id}>
                <th scope="row">{attribute.label}</th>
                <td>
                  {rating ? (
                    <>
                      <strong>{rating.score} / 4</strong>
                      <br />
                      <span className="muted">{attribute.anchors[rating.score - 1]}</span>
                    </>
                  ) : (
                    <span className="muted">Not rated</span>
                  )}
                </td>
                <td>
                  {rating && (
                    <ul className="evidence-list">
                      {rating.evidenceNoteIds.map((id) => {
                        const note = byId.get(id);
                        return (
                          <li key={id}>
                            {note ? (
                              <>
                                <NoteOffset offsetMs={note.offsetMs} /> <NoteTags tags={note.tags} />{' '}
                                {note.text}
                              </>
                            ) : (
                              <span className="muted">A note you cannot see</span>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
