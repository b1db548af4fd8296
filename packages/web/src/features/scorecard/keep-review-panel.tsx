import { biasCategoryLabels, biasCheckApi, type KeepForReview } from '@pairwise/domain';
import { useConfirmation } from '../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import './bias-check.css';

/**
 * Kept phrases in protected categories (age, gender, origin, …) by the other panel members, for
 * a second reviewer: an admin, or a panel member who has submitted. Shows nothing to anyone the
 * server does not let review, so it can sit on every page a reviewer may be on.
 */
export function KeepReviewPanel({ interviewId }: { interviewId: string }) {
  const keeps = useResource(
    () =>
      call(biasCheckApi.keepsForReview, { params: { id: interviewId } })
        .then((a) => a.keeps)
        // Not a reviewer here (the author, someone still refining, the line manager): nothing to show.
        .catch(() => [] as KeepForReview[]),
    interviewId,
  );
  const list = keeps.data ?? [];
  if (list.length === 0) return null;
  const pending = list.filter((k) => k.review.status === 'pending').length;
  return (
    <section aria-labelledby="keep-review-heading" className="card stack keep-review">
      <h3 id="keep-review-heading">Kept phrases to review</h3>
      <p role="status" className={pending > 0 ? 'notice' : 'success'}>
        {pending > 0
          ? `${pending} kept phrase${pending === 1 ? '' : 's'} in a protected category wait${pending === 1 ? 's' : ''} for your review. The author cannot submit until someone other than them confirms.`
          : 'Every kept phrase here has been reviewed.'}
      </p>
      <ul className="finding-list">
        {list.map((keep) => (
          <KeepItem
            key={`${keep.authorId}-${keep.targetId}-${keep.ruleId}-${keep.phrase}`}
            interviewId={interviewId}
            keep={keep}
            onReviewed={keeps.setData}
          />
        ))}
      </ul>
    </section>
  );
}

function KeepItem(props: {
  interviewId: string;
  keep: KeepForReview;
  onReviewed: (keeps: KeepForReview[]) => void;
}) {
  const { keep } = props;
  const { ask, dialog } = useConfirmation();
  const review = useAction(async (verdict: 'confirm' | 'reject') => {
    const confirmed = await ask(
      verdict === 'confirm' ? `Confirm keeping “${keep.phrase}”?` : `Reject keeping “${keep.phrase}”?`,
      verdict === 'confirm'
        ? `The phrase stays in ${keep.authorName}'s ${keep.target} and the line manager reads it, with your name as the one who confirmed it. This cannot be undone.`
        : `${keep.authorName} will have to rewrite the phrase, or keep it with a new reason for another review.`,
      verdict === 'confirm' ? 'Confirm the keep' : 'Reject the keep',
    );
    if (!confirmed) return;
    const answer = await call(biasCheckApi.reviewKeep, {
      params: { id: props.interviewId },
      body: {
        authorId: keep.authorId,
        target: keep.target,
        targetId: keep.targetId,
        ruleId: keep.ruleId,
        phrase: keep.phrase,
        verdict,
      },
    });
    props.onReviewed(answer.keeps);
  });
  return (
    <li className="finding" data-review={keep.review.status}>
      <p>
        <strong>{keep.authorName}</strong> kept <strong>“{keep.phrase}”</strong>{' '}
        <span className="tag">{biasCategoryLabels[keep.category]}</span> in their {keep.target}:{' '}
        <q>{keep.context}</q>
      </p>
      <p>
        {keep.message} <strong>Their reason:</strong> {keep.reason}
      </p>
      {keep.review.status === 'pending' ? (
        <div className="button-row">
          <button
            type="button"
            className="small"
            disabled={review.busy}
            onClick={() => void review.run('confirm')}
          >
            Confirm keep
          </button>
          <button
            type="button"
            className="secondary small"
            disabled={review.busy}
            onClick={() => void review.run('reject')}
          >
            Reject keep
          </button>
        </div>
      ) : (
        <p className="muted">
          {keep.review.status === 'confirmed' ? 'Confirmed' : 'Rejected'} by {keep.review.reviewerName}
        </p>
      )}
      <ErrorMessage error={review.error} />
      {dialog}
    </li>
  );
}
