import { taskSnapshotsApi } from '@pairwise/domain';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from '../interview/interview-context.tsx';
import '../interview/interview.css';

/**
 * Which snapshot the candidate's repository will start from. A re-import does not move a planned
 * interview; the navigator moves it to the newer snapshot here, before setup, and rehearses that.
 */
export function InterviewSnapshot() {
  const { interview, apply, drives } = useInterviewContext();
  const choose = useAction(async (snapshotId: string) => {
    const answer = await call(taskSnapshotsApi.chooseForInterview, {
      params: { id: interview.id },
      body: { snapshotId },
    });
    apply(answer.interview);
  });
  const { snapshot } = interview;
  const taskPage = `/tasks/${interview.task.id}`;
  if (!snapshot) {
    return (
      <p className="muted">
        Starting point: none yet. <Link to={`${taskPage}#starting-point`}>Import and export the task</Link>.
      </p>
    );
  }
  const newer = snapshot.latestId !== snapshot.id;
  const movable = drives && (interview.stage === 'planned' || interview.stage === 'invited');
  return (
    <div className="interview-snapshot">
      <p>
        Starting point: snapshot{' '}
        <Link to={`${taskPage}#snapshot-${snapshot.id}`} className="mono">
          {snapshot.commit.slice(0, 7)}
        </Link>{' '}
        exported {formatDateTime(snapshot.createdAt)}
        {snapshot.pinned ? '' : ' (the task’s latest; kept once chosen)'}.
      </p>
      {newer && (
        <p className="notice">
          The task was re-imported since.{' '}
          {movable && (
            <button
              type="button"
              className="small secondary"
              disabled={choose.busy}
              onClick={() => void choose.run(snapshot.latestId)}
            >
              Use the latest snapshot
            </button>
          )}
        </p>
      )}
      <ErrorMessage error={choose.error} />
    </div>
  );
}
