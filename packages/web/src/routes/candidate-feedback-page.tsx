import { candidateFeedbackApi, type PositionFeedback } from '@pairwise/domain';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useResource } from '../lib/use-resource.ts';
import '../features/invitation/invitation.css';

/** What candidates said about how well we prepared them: anonymous, and only in aggregate. */
export default function CandidateFeedbackPage() {
  useDocumentTitle('Candidate feedback');
  const feedback = useResource(() => call(candidateFeedbackApi.byPosition), 'candidate-feedback');
  if (!feedback.data) return <PageState loading={feedback.loading} error={feedback.error} />;
  const { minimumToShow, positions } = feedback.data;
  return (
    <div className="stack">
      <h1>Candidate feedback</h1>
      <p className="lead">
        After their interview, candidates may answer three questions anonymously. Answers are shown per
        position once at least {minimumToShow} came in, so no single person can be recognised.
      </p>
      {positions.map((position) => (
        <section
          key={position.positionId}
          className="card"
          aria-labelledby={`feedback-${position.positionId}`}
        >
          <h2 id={`feedback-${position.positionId}`}>{position.title}</h2>
          {!position.shown ? (
            <p className="muted">
              {position.responses === 0
                ? 'No answers yet.'
                : `Not enough answers yet to show them without pointing at anyone (${position.responses} of ${minimumToShow}).`}
            </p>
          ) : (
            <PositionAnswers position={position} />
          )}
        </section>
      ))}
    </div>
  );
}

function PositionAnswers({ position }: { position: PositionFeedback }) {
  const most = Math.max(1, ...position.scores);
  return (
    <div className="stack">
      <p>
        “How well did we prepare you for what happened today?” Average{' '}
        <strong>{position.averageScore}</strong> of 5 from {position.responses} answers.
      </p>
      <div className="feedback-scores">
        {position.scores.map((count, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the index is the score 1–5 itself.
          <div key={index} style={{ display: 'contents' }}>
            <span>Score {index + 1}</span>
            <span className="feedback-bar" style={{ width: `${(count / most) * 100}%` }} aria-hidden="true" />
            <span>{count}</span>
          </div>
        ))}
      </div>
      {position.surprises.length > 0 && (
        <>
          <h3>Was anything a surprise?</h3>
          <ul>
            {position.surprises.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </>
      )}
      {position.comments.length > 0 && (
        <>
          <h3>Anything else</h3>
          <ul>
            {position.comments.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
