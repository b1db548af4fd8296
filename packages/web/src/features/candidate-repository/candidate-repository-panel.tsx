import {
  type CandidateRepositoryStatus,
  candidateRepositoriesApi,
  type RepositoryWindow,
} from '@pairwise/domain';
import { sendWithConfirmation, useConfirmation } from '../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatClockTime, formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from '../interview/interview-context.tsx';
import { CloneInstructions } from './clone-instructions.tsx';
import { PushTimeline } from './push-timeline.tsx';
import { repositoryEventKey, useCandidateRepository } from './use-candidate-repository.ts';
import './candidate-repository.css';

const shownIn = new Set(['planned', 'invited', 'checked_in', 'setup', 'pairing', 'wrap']);

const openedBy: Record<NonNullable<RepositoryWindow['openedBy']>, string> = {
  schedule: 'on its own, shortly before the start',
  setup: 'when setup started',
  navigator: 'the candidate was invited',
};
const closedBy: Record<NonNullable<RepositoryWindow['closedBy']>, string> = {
  alarm: 'at the pairing alarm',
  pairing_ended: 'when pairing ended',
  navigator: 'closed by the navigator',
  interview_over: 'the interview is not running',
};

/**
 * The candidate's repository on the interview page, from planning to the wrap-up: whether it
 * is open and until when, the button that opens it early, the clone instructions, and each push
 * as it arrives.
 */
export function CandidateRepositoryPanel() {
  const { interview, drives, serverNow } = useInterviewContext();
  const visible = shownIn.has(interview.stage);
  const { view, error, apply } = useCandidateRepository(
    interview.id,
    visible ? repositoryEventKey(interview.events) : 'hidden',
    serverNow,
  );
  const { ask, dialog } = useConfirmation();
  const act = useAction(
    async (request: () => Promise<{ repository: CandidateRepositoryStatus } | undefined>) => {
      const answer = await request();
      if (answer) apply(answer.repository);
    },
  );
  if (!visible) return null;
  if (!view) {
    return (
      <section className="card repository-panel" aria-labelledby="repository-heading">
        <h2 id="repository-heading">Candidate repository</h2>
        <PageState loading={!error} error={error} />
      </section>
    );
  }
  const { status, pushes } = view;
  const access = status.window;
  // Opening days before the interview needs "start early"; the dialog asks in the server's words.
  const setWindow = (open: boolean) =>
    act.run(() =>
      sendWithConfirmation(ask, (flags) =>
        call(candidateRepositoriesApi.setWindow, {
          params: { id: interview.id },
          body: { open, ...(flags.startEarly ? { startEarly: true } : {}) },
        }),
      ),
    );
  const mayInvite =
    access.state === 'not_yet' || (access.state === 'closed' && access.closedBy === 'navigator');

  return (
    <section className="card repository-panel" aria-labelledby="repository-heading">
      <h2 id="repository-heading">Candidate repository</h2>
      <p className="repository-state" data-state={access.state} role="status">
        <strong>{access.state === 'open' ? 'Open' : 'Closed'}</strong> {describeWindow(access, drives)}
      </p>
      <p className="hint">
        {status.firstAccessAt
          ? `The candidate first connected at ${formatClockTime(status.firstAccessAt)}.`
          : 'The candidate has not connected yet.'}{' '}
        Starting point:{' '}
        {status.startingPoint.snapshotId
          ? 'the task’s exported snapshot'
          : 'an empty repository (the task has no snapshot yet)'}
        .
      </p>
      {drives && (
        <div className="button-row">
          {mayInvite && (
            <button type="button" disabled={act.busy} onClick={() => setWindow(true)}>
              Invite to repository now
            </button>
          )}
          {access.state === 'open' && (
            <>
              <button
                type="button"
                className="secondary"
                disabled={act.busy}
                onClick={() => setWindow(false)}
              >
                Close the repository
              </button>
              <button
                type="button"
                className="secondary"
                disabled={act.busy}
                onClick={() =>
                  act.run(() =>
                    call(candidateRepositoriesApi.rotateCredentials, { params: { id: interview.id } }),
                  )
                }
              >
                New password
              </button>
            </>
          )}
        </div>
      )}
      <ErrorMessage error={act.error} />
      {dialog}
      {status.cloneBlock && <CloneInstructions block={status.cloneBlock} />}
      <PushTimeline pushes={pushes} />
    </section>
  );
}

function describeWindow(access: RepositoryWindow, drives: boolean): string {
  if (access.state === 'not_yet') {
    const opens = access.opensAt ? formatDateTime(access.opensAt) : 'the interview';
    const early = drives ? 'or invite the candidate earlier' : 'or when the navigator invites the candidate';
    return `until ${opens}, when it opens on its own; ${early}.`;
  }
  if (access.state === 'open') {
    const since = access.opensAt ? `since ${formatClockTime(access.opensAt)} ` : '';
    const why = access.openedBy ? `(${openedBy[access.openedBy]})` : '';
    const closes = access.closesAt
      ? `at ${formatClockTime(access.closesAt)}, the pairing alarm`
      : 'at the pairing alarm';
    return `${since}${why}. It closes ${closes}.`;
  }
  const since = access.closesAt ? `since ${formatClockTime(access.closesAt)} ` : '';
  return `${since}(${access.closedBy ? closedBy[access.closedBy] : 'closed'}).`;
}
