import { decisionLabels, impressionsInText, type Report, reportsApi, stageLabels } from '@pairwise/domain';
import { Link, useParams } from 'react-router';
import { PageState } from '../components/page-state.tsx';
import { RepositoryCodeSection } from '../features/candidate-repository/repository-code-section.tsx';
import { EventTimeline } from '../features/interview/event-timeline.tsx';
import { retrospectiveQuestions } from '../features/interview/retrospective-questions.ts';
import { TddSummarySection } from '../features/interview/tdd-rhythm.tsx';
import { NoteOffset, NoteTags } from '../features/notes/note-list.tsx';
import { allNotePages } from '../features/notes/note-pages.ts';
import { BiasSummarySection } from '../features/report/bias-summary-section.tsx';
import { DecisionForm } from '../features/report/decision-form.tsx';
import { DecisionMessagePanel } from '../features/report/decision-message-panel.tsx';
import { KeptFindingsBanner } from '../features/report/kept-findings-banner.tsx';
import { ScorecardView } from '../features/report/scorecard-view.tsx';
import { KeepReviewPanel } from '../features/scorecard/keep-review-panel.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatCalendarDate, formatDateTime } from '../lib/zoned-format.ts';
import '../features/notes/notes.css';
import '../features/report/report.css';

export default function ReportPage() {
  const { interviewId = '' } = useParams();
  const report = useResource(async () => {
    const { report } = await call(reportsApi.get, { params: { id: interviewId } });
    // A long interview's notes continue after the report's first page; the page shows them all.
    const notes = await allNotePages(reportsApi.notes, interviewId, {
      notes: report.notes,
      nextCursor: report.notesNextCursor,
    });
    return { ...report, notes, notesNextCursor: null };
  }, interviewId);
  useDocumentTitle(report.data ? `Report: ${report.data.candidateName}` : 'Report');
  if (!report.data) return <PageState loading={report.loading} error={report.error} />;
  const r = report.data;
  const shared = new Set(r.retrospective?.sharedNoteIds ?? []);
  const notes = r.notes.filter((note) => !note.deleted);

  return (
    <article className="report">
      <p className="breadcrumb no-print">
        <Link to="/">My interviews</Link> · <Link to={`/interviews/${r.interviewId}`}>Interview page</Link>
      </p>
      <header className="report-header">
        <h1>Report: {r.candidateName}</h1>
        <p>
          {r.positionTitle} · task {r.taskTitle} · navigator {r.navigatorName} · {formatDateTime(r.startsAt)}{' '}
          · stage {stageLabels[r.stage]}
        </p>
        <div className="button-row no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print
          </button>
          <a className="button secondary" href={`/api/interviews/${r.interviewId}/report.md`} download>
            Export as Markdown
          </a>
        </div>
      </header>

      <section aria-labelledby="deadline-heading" className="deadline-box">
        <h2 id="deadline-heading">Candidate's deadline</h2>
        {r.deadline ? (
          <p>
            <strong>{formatCalendarDate(r.deadline)}</strong> · <DaysLeft days={r.daysLeft} />
          </p>
        ) : (
          <p>The candidate gave no deadline.</p>
        )}
        {r.decision && (
          <p className="decision">
            Decision: <strong>{decisionLabels[r.decision.outcome]}</strong> by {r.decision.decidedByName} on{' '}
            {formatDateTime(r.decision.decidedAt)}
            {r.decision.note && <>. {r.decision.note}</>}
          </p>
        )}
        {r.decision?.proceededWithoutPanel && (
          <p className="notice">
            Decided without the impression of {r.decision.proceededWithoutPanel.missing.join(', ')}:{' '}
            {r.decision.proceededWithoutPanel.reason}
          </p>
        )}
      </section>

      <KeptFindingsBanner interviewId={r.interviewId} />
      <KeepReviewPanel interviewId={r.interviewId} />

      <section aria-labelledby="scorecards-heading">
        <h2 id="scorecards-heading">Impressions</h2>
        <p className={r.impressionsIn.missing.length > 0 ? 'notice' : 'muted'} role="status">
          {impressionsInText(r.impressionsIn)}. The report shows only submitted impressions and their notes.
        </p>
        {r.scorecards.length === 0 ? (
          <p className="muted">No scorecard submitted yet.</p>
        ) : (
          r.scorecards.map((s) => <ScorecardView key={s.authorId} scorecard={s} notes={r.notes} />)
        )}
      </section>

      <BiasSummarySection interviewId={r.interviewId} />

      {r.canDecide && !r.decision && (
        <DecisionForm
          report={r}
          // A decision changes no note: the notes already read stay.
          onDecided={(decided) => report.setData({ ...decided, notes: r.notes, notesNextCursor: null })}
        />
      )}
      <DecisionMessagePanel report={r} />

      <section aria-labelledby="retro-heading">
        <h2 id="retro-heading">Retrospective</h2>
        {r.retrospective ? (
          <dl className="retro-answers">
            {retrospectiveQuestions.map(({ key, question }) => (
              <div key={key}>
                <dt>{question}</dt>
                <dd>{r.retrospective?.answers[key] || '—'}</dd>
              </div>
            ))}
            <div>
              <dt>Next steps and contact, as told to the candidate</dt>
              <dd>{r.retrospective.nextSteps || '—'}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">No retrospective recorded.</p>
        )}
      </section>

      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        {notes.length === 0 ? (
          <p className="muted">No notes.</p>
        ) : (
          <ol className="note-list report-notes">
            {[...notes]
              .sort((a, b) => (a.offsetMs ?? 0) - (b.offsetMs ?? 0))
              .map((note) => (
                <li key={note.id} className="note">
                  <NoteOffset offsetMs={note.offsetMs} />
                  <NoteTags tags={note.tags} />
                  <span className="note-text">
                    {note.text}
                    {shared.has(note.id) && <span className="muted"> (shared with the candidate)</span>}
                    {note.revisions.length > 0 && (
                      <span className="muted"> (refined; originally: “{note.revisions[0]!.text}”)</span>
                    )}
                  </span>
                  <span className="note-author">{note.authorName}</span>
                </li>
              ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="time-heading">
        <h2 id="time-heading">Time</h2>
        <ul className="phase-lengths">
          {r.phaseLengths.map((length) => (
            <li key={length.phase}>
              {phaseNames[length.phase]}:{' '}
              {length.actualMinutes === null
                ? 'not measured'
                : `${length.actualMinutes} of ${length.promisedMinutes} minutes`}
              {length.cutShort && <strong className="overdue"> (cut short)</strong>}
            </li>
          ))}
        </ul>
      </section>

      <RepositoryCodeSection interviewId={r.interviewId} />

      <TddSummarySection events={r.events} />
      <EventTimeline events={r.events} />
    </article>
  );
}

const phaseNames: Record<Report['phaseLengths'][number]['phase'], string> = {
  pairing: 'Pairing',
  break: 'Break',
  refinement: 'Refinement',
};

function DaysLeft({ days }: { days: number | null }) {
  if (days === null) return null;
  if (days < 0) return <span className="overdue">{-days} days overdue</span>;
  if (days === 0) return <span className="overdue">today</span>;
  return (
    <span className={days <= 2 ? 'overdue' : undefined}>
      {days} day{days === 1 ? '' : 's'} left
    </span>
  );
}
