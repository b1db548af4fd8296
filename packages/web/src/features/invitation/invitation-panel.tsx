import { type InvitationState, invitationsApi } from '@pairwise/domain';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useInterviewContext } from '../interview/interview-context.tsx';
import { OfferedTimes, SlotOfferForm } from './slot-offer-form.tsx';
import './invitation.css';

const shownIn = new Set(['planned', 'invited', 'checked_in', 'setup']);
const blockLabels: Record<string, string> = {
  prep: 'prep',
  interview: 'interview',
  refinement: 'refinement',
  debrief: 'debrief',
};

/**
 * The candidate's invitation on the interview page: while planned, a preview of exactly what
 * the candidate will receive and the button that sends it; afterwards, what the candidate
 * answered on their portal.
 */
export function InvitationPanel() {
  const { interview, reload } = useInterviewContext();
  const visible = shownIn.has(interview.stage);
  const state = useResource(
    () =>
      visible
        ? call(invitationsApi.state, { params: { id: interview.id } }).then((a) => a.invitation)
        : Promise.resolve(null),
    `${interview.id}:${interview.stage}:${interview.events.length}`,
  );
  const mayDrive = interview.myRoles.includes('navigator') || interview.myRoles.includes('admin');
  const checklistReady = interview.checklist.ready;
  const [notReadyReason, setNotReadyReason] = useState('');
  const send = useAction(async (previewDigest: string) => {
    await call(invitationsApi.send, {
      params: { id: interview.id },
      body: {
        previewDigest,
        // Sending before the checklist is ready is allowed only with a reason, which is recorded.
        ...(checklistReady ? {} : { notReadyReason }),
      },
    });
    await reload();
  });
  if (!visible) return null;
  const invitation = state.data;
  if (!invitation) {
    return (
      <section className="card" aria-labelledby="invitation-heading">
        <h2 id="invitation-heading">Invitation</h2>
        <PageState loading={state.loading} error={state.error} />
      </section>
    );
  }

  const planned = invitation.stage === 'planned';
  return (
    <section className="card invitation-panel" aria-labelledby="invitation-heading">
      <h2 id="invitation-heading">{planned ? 'Invite the candidate' : 'Invitation'}</h2>
      {planned ? (
        <p>
          This is exactly what {invitation.candidateEmail} will receive, with a calendar invite. Their private
          portal link is created when you send.
        </p>
      ) : (
        <p>
          Sent to {invitation.candidateEmail}
          {invitation.sentAt ? ` on ${formatDateTime(invitation.sentAt)}` : ''}. Changes of time go out as
          updates to everyone automatically.
        </p>
      )}
      {!planned && (
        <CandidateAnswers
          invitation={invitation}
          interviewId={interview.id}
          mayAnswer={mayDrive}
          onChange={state.setData}
        />
      )}
      <MessagePreview invitation={invitation} open={planned} />
      {invitation.reminder && <ReminderPreview reminder={invitation.reminder} />}
      <p className="hint">
        Calendar invites for their own blocks, without candidate details:{' '}
        {invitation.calendarRecipients
          .map((r) => `${r.name} (${r.blocks.map((b) => blockLabels[b] ?? b).join(', ')})`)
          .join('; ')}
        .
      </p>
      {planned && mayDrive && !checklistReady && (
        <div className="field">
          <label htmlFor="not-ready-reason">
            The planning checklist is not ready. Why send the invitation anyway? (recorded)
          </label>
          <textarea
            id="not-ready-reason"
            value={notReadyReason}
            onChange={(event) => setNotReadyReason(event.target.value)}
            rows={2}
          />
        </div>
      )}
      {planned && mayDrive && (
        <div className="button-row">
          <button
            type="button"
            className="primary"
            disabled={send.busy || (!checklistReady && notReadyReason.trim() === '')}
            onClick={() => send.run(invitation.previewDigest)}
          >
            Send invitation to {invitation.candidateEmail}
          </button>
        </div>
      )}
      <ErrorMessage error={send.error} />
      <OfferedTimes
        interviewId={interview.id}
        timeZone={interview.timeZone}
        version={`${interview.stage}:${interview.events.length}`}
      />
      {mayDrive && (planned || invitation.stage === 'invited') && (
        <SlotOfferForm
          interviewId={interview.id}
          timeZone={interview.timeZone}
          invited={!planned}
          notReadyReason={planned && !checklistReady ? notReadyReason : undefined}
          onSent={() => void reload()}
        />
      )}
    </section>
  );
}

function MessagePreview({ invitation, open }: { invitation: InvitationState; open: boolean }) {
  const [asHtml, setAsHtml] = useState(false);
  return (
    <details className="invitation-preview" open={open}>
      <summary>
        {open ? 'Preview' : 'The invitation as it reads today'}: <strong>{invitation.preview.subject}</strong>
      </summary>
      <div className="button-row">
        <button
          type="button"
          className="link-button"
          aria-pressed={asHtml}
          onClick={() => setAsHtml(!asHtml)}
        >
          {asHtml ? 'Show plain text' : 'Show as formatted email'}
        </button>
      </div>
      {asHtml ? (
        // No scripts, no same-origin access: the email's HTML is shown, never run.
        <iframe
          className="invitation-html"
          title="The invitation as a formatted email"
          sandbox=""
          srcDoc={invitation.preview.html}
        />
      ) : (
        <pre className="invitation-text">{invitation.preview.text}</pre>
      )}
    </details>
  );
}

/** Where an answer came from, when not the portal: a reply from the candidate's calendar. */
const via = (response: InvitationState['responses'][number]) =>
  response.source === 'calendar' ? ' from their calendar' : '';
/** The day-before reminder goes out on its own; staff can read exactly what it will say. */
function ReminderPreview({ reminder }: { reminder: NonNullable<InvitationState['reminder']> }) {
  // Rendered only when opened: folded, it is one line beside the message that goes now.
  const [open, setOpen] = useState(false);
  return (
    <details className="invitation-preview" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        The reminder sent on {formatDateTime(reminder.sendsAt)}: <strong>{reminder.preview.subject}</strong>
      </summary>
      {open && <pre className="invitation-text">{reminder.preview.text}</pre>}
    </details>
  );
}

function CandidateAnswers({
  invitation,
  interviewId,
  mayAnswer,
  onChange,
}: {
  invitation: InvitationState;
  interviewId: string;
  mayAnswer: boolean;
  onChange: (invitation: InvitationState) => void;
}) {
  const current = invitation.responses.filter((r) => r.current).at(-1);
  return (
    <div className="invitation-answers" role="status">
      {!current && <p className="muted">The candidate has not answered on their portal yet.</p>}
      {current?.kind === 'confirmed' && (
        <p className="success">
          The candidate confirmed{via(current)} on {formatDateTime(current.at)}.
        </p>
      )}
      {current?.kind === 'tentative' && (
        <p className="notice">
          The candidate’s calendar answered “tentative” on {formatDateTime(current.at)}.
        </p>
      )}
      {current?.kind === 'declined' && (
        <p className="notice">
          The candidate’s calendar declined on {formatDateTime(current.at)}. Offer other times or reschedule;
          declining carries no disadvantage.
        </p>
      )}
      {current?.kind === 'reschedule_requested' && (
        <div className="notice">
          <p>
            The candidate asked for another time{via(current)} on {formatDateTime(current.at)}
            {current.proposedStartsAt ? `, proposing ${formatDateTime(current.proposedStartsAt)}` : ''}.
            Choose a new time with “Reschedule” or offer times to choose from; asking carries no disadvantage.
          </p>
          {current.reason && <blockquote>{current.reason}</blockquote>}
        </div>
      )}
      {invitation.accommodations.length > 0 && (
        <>
          <h3>Adjustments the candidate asked for</h3>
          <ul>
            {invitation.accommodations.map((a) => (
              <li key={a.id}>
                {a.text} <span className="muted">({formatDateTime(a.at)})</span>
                {a.answer !== null ? (
                  <p>
                    Answered {a.answeredAt ? formatDateTime(a.answeredAt) : ''}: {a.answer}
                  </p>
                ) : (
                  mayAnswer && (
                    <AccommodationAnswer interviewId={interviewId} requestId={a.id} onAnswered={onChange} />
                  )
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {invitation.dataRequests.length > 0 && (
        <p className="muted">
          Data requests:{' '}
          {invitation.dataRequests
            .map((r) => `${r.kind} (${formatDateTime(r.at)}${r.processed ? ', done' : ''})`)
            .join(', ')}
        </p>
      )}
    </div>
  );
}

/** The answer to one request: written, previewed, then sent exactly as shown (and shown on the portal). */
function AccommodationAnswer(props: {
  interviewId: string;
  requestId: string;
  onAnswered: (invitation: InvitationState) => void;
}) {
  const [answer, setAnswer] = useState('');
  const [preview, setPreview] = useState<{
    preview: { subject: string; text: string };
    previewDigest: string;
  } | null>(null);
  const params = { id: props.interviewId, requestId: props.requestId };
  const previewAction = useAction(async () => {
    setPreview(await call(invitationsApi.previewAccommodationAnswer, { params, body: { answer } }));
  });
  const send = useAction(async () => {
    if (!preview) return;
    const result = await call(invitationsApi.sendAccommodationAnswer, {
      params,
      body: { answer, previewDigest: preview.previewDigest },
    });
    props.onAnswered(result.invitation);
  });
  const label = `Answer to this request`;
  return (
    <div className="stack">
      <label>
        {label}
        <textarea
          rows={3}
          value={answer}
          onChange={(e) => {
            setAnswer(e.target.value);
            setPreview(null);
          }}
        />
      </label>
      <ErrorMessage error={previewAction.error} />
      <div>
        <button
          type="button"
          className="secondary"
          disabled={previewAction.busy || !answer.trim()}
          onClick={() => previewAction.run()}
        >
          Preview the answer
        </button>
      </div>
      {preview && (
        <div className="stack">
          <p>
            The candidate receives exactly this. Subject: <strong>{preview.preview.subject}</strong>
          </p>
          <pre className="invitation-text">{preview.preview.text}</pre>
          <ErrorMessage error={send.error} />
          <div>
            <button type="button" className="primary" disabled={send.busy} onClick={() => send.run()}>
              Send the answer to the candidate
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
