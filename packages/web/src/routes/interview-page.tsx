import { type Action, stageLabels } from '@pairwise/domain';
import { useCallback, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { PageState } from '../components/page-state.tsx';
import { CandidateRepositoryPanel } from '../features/candidate-repository/candidate-repository-panel.tsx';
import { EventTimeline } from '../features/interview/event-timeline.tsx';
import { InterviewContext, type InterviewContextValue } from '../features/interview/interview-context.tsx';
import { InterviewHeader } from '../features/interview/interview-header.tsx';
import { MoreActions } from '../features/interview/more-actions.tsx';
import { StagePanel } from '../features/interview/stage-panel.tsx';
import { useInterview } from '../features/interview/use-interview.ts';
import { InvitationPanel } from '../features/invitation/invitation-panel.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useHashTarget } from '../lib/use-hash-target.ts';
import '../features/interview/interview.css';

export default function InterviewPage() {
  const { interviewId = '' } = useParams();
  const { loaded, error, apply, reload, notesVersion } = useInterview(interviewId);
  const interview = loaded?.interview;
  useDocumentTitle(interview ? `${interview.candidate.name}: ${stageLabels[interview.stage]}` : 'Interview');
  useHashTarget(interview !== undefined);

  const offsetMs = loaded?.offsetMs ?? 0;
  const serverNow = useCallback(() => Date.now() + offsetMs, [offsetMs]);
  const context = useMemo<InterviewContextValue | null>(
    () =>
      interview
        ? {
            interview,
            offsetMs,
            apply,
            serverNow,
            can: (action: Action) => interview.availableActions.includes(action),
            reload,
            notesVersion,
            drives: interview.myRoles.some((role) => role === 'navigator' || role === 'admin'),
            takesNotes: interview.myRoles.some((role) => role === 'navigator' || role === 'shadow'),
          }
        : null,
    [interview, offsetMs, apply, serverNow, reload, notesVersion],
  );

  if (!context) return <PageState loading={!error} error={error} />;
  return (
    <InterviewContext.Provider value={context}>
      <div className="interview-page" data-stage={context.interview.stage}>
        <p className="breadcrumb">
          <Link to="/">My interviews</Link>
        </p>
        <InterviewHeader />
        {error ? <PageState loading={false} error={error} /> : null}
        <div className="interview-layout">
          <div className="interview-main">
            <InvitationPanel />
            <StagePanel />
            <CandidateRepositoryPanel />
          </div>
          <aside className="interview-aside" aria-label="Interview history and other actions">
            <MoreActions />
            <EventTimeline events={context.interview.events} />
          </aside>
        </div>
      </div>
    </InterviewContext.Provider>
  );
}
