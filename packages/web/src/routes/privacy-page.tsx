import { type DataRequest, privacyApi, RETENTION_PRESETS, type RetentionSetting } from '@pairwise/domain';
import { useState } from 'react';
import { CandidatePicker } from '../components/candidate-picker.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatDateTime } from '../lib/zoned-format.ts';

type Preset = RetentionSetting['preset'];
const presetLabels: Record<Preset, string> = {
  ...Object.fromEntries(Object.entries(RETENTION_PRESETS).map(([id, preset]) => [id, preset.label])),
  custom: 'Custom number of days',
} as Record<Preset, string>;

/** The admin's answer to "when will this candidate's data be deleted?", and candidates' requests. */
export default function PrivacyPage() {
  useDocumentTitle('Privacy');
  const retention = useResource(() => call(privacyApi.retention), 'privacy:retention');
  const erasures = useResource(() => call(privacyApi.erasures), 'privacy:erasures');
  const holds = usePagedList(privacyApi.legalHolds, {}, 'holds');
  const requests = usePagedList(privacyApi.requests, {}, 'requests');
  const reloadAll = async () => {
    await Promise.all([erasures.reload(), holds.reload(), requests.reload()]);
  };

  return (
    <div className="stack">
      <h1>Privacy</h1>
      <p className="lead">
        How long candidate data is kept, what is erased next, legal holds, and candidates' requests for a copy
        or erasure of their data.
      </p>
      {retention.data ? (
        <RetentionForm
          key={JSON.stringify(retention.data.retention)}
          value={retention.data.retention}
          onSaved={async (next) => {
            retention.setData({ retention: next });
            await erasures.reload();
          }}
        />
      ) : (
        <PageState loading={retention.loading} error={retention.error} />
      )}
      <section className="stack" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Erased in the next 30 days</h2>
        {!erasures.data ? (
          <PageState loading={erasures.loading} error={erasures.error} />
        ) : erasures.data.erasures.length === 0 ? (
          <p className="muted">Nobody's data is due for erasure in the next 30 days.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Erased after</th>
                <th scope="col">Legal hold</th>
              </tr>
            </thead>
            <tbody>
              {erasures.data.erasures.map((entry) => (
                <tr key={entry.candidateId}>
                  <td>{entry.candidateName}</td>
                  <td>{formatDateTime(entry.eraseAfter)}</td>
                  <td>
                    <HoldToggle
                      candidateId={entry.candidateId}
                      held={entry.legalHold}
                      reason={entry.legalHoldReason}
                      onChanged={reloadAll}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="stack" aria-labelledby="holds-heading">
        <h2 id="holds-heading">Legal holds</h2>
        <p className="muted">
          A candidate on legal hold is not erased, by retention or on request, until the hold ends.
        </p>
        {holds.items.length ? (
          <ul>
            {holds.items.map((hold) => (
              <li key={hold.candidateId}>
                {hold.candidateName}: {hold.reason}{' '}
                <HoldToggle candidateId={hold.candidateId} held reason={null} onChanged={reloadAll} />
              </li>
            ))}
          </ul>
        ) : holds.answer ? (
          <p className="muted">No candidate is on legal hold.</p>
        ) : (
          <PageState loading={holds.loading} error={holds.error} />
        )}
        <LoadMore list={holds} label="Show more holds" />
        <NewHold onChanged={reloadAll} />
      </section>
      <section className="stack" aria-labelledby="requests-heading">
        <h2 id="requests-heading">Requests from candidates</h2>
        {!requests.answer ? (
          <PageState loading={requests.loading} error={requests.error} />
        ) : requests.items.length === 0 ? (
          <p className="muted">No candidate has asked for a copy or erasure of their data.</p>
        ) : (
          <RequestTable requests={requests.items} onChanged={reloadAll} />
        )}
        <LoadMore list={requests} label="Show later requests" />
      </section>
    </div>
  );
}

function RetentionForm({
  value,
  onSaved,
}: {
  value: RetentionSetting;
  onSaved: (next: RetentionSetting) => Promise<void>;
}) {
  const [draft, setDraft] = useState(value);
  const save = useAction(async () => {
    const { retention } = await call(privacyApi.setRetention, { body: draft });
    await onSaved(retention);
  });
  return (
    <form
      className="stack"
      aria-labelledby="retention-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <h2 id="retention-heading">Retention period</h2>
      <p className="muted">
        Counted from the end of the candidate's latest process: the decision, or the cancellation or no-show.
        A daily job then erases the candidate's personal data.
      </p>
      <div className="field">
        <label htmlFor="retention-preset">Keep candidate data for</label>
        <select
          id="retention-preset"
          value={draft.preset}
          onChange={(event) => setDraft({ ...draft, preset: event.target.value as Preset })}
        >
          {(Object.keys(presetLabels) as Preset[]).map((preset) => (
            <option key={preset} value={preset}>
              {presetLabels[preset]}
            </option>
          ))}
        </select>
      </div>
      {draft.preset === 'custom' && (
        <div className="field">
          <label htmlFor="retention-days">Days after the process ends</label>
          <input
            id="retention-days"
            type="number"
            min={7}
            max={3650}
            value={draft.days}
            onChange={(event) => setDraft({ ...draft, days: Number(event.target.value) })}
          />
        </div>
      )}
      <ErrorMessage error={save.error} />
      <div className="button-row">
        <button type="submit" disabled={save.busy}>
          Save retention period
        </button>
      </div>
    </form>
  );
}

function HoldToggle(props: {
  candidateId: string;
  held: boolean;
  reason: string | null;
  onChanged: () => Promise<void>;
}) {
  const toggle = useAction(async () => {
    if (props.held) {
      await call(privacyApi.endLegalHold, { params: { id: props.candidateId } });
    } else {
      const reason = window.prompt("Why must this candidate's data be kept? (for the audit log)");
      if (!reason?.trim()) return;
      await call(privacyApi.setLegalHold, { params: { id: props.candidateId }, body: { reason } });
    }
    await props.onChanged();
  });
  return (
    <>
      <button type="button" className="secondary" disabled={toggle.busy} onClick={() => void toggle.run()}>
        {props.held ? `End hold${props.reason ? ` (${props.reason})` : ''}` : 'Put on hold'}
      </button>
      <ErrorMessage error={toggle.error} />
    </>
  );
}

function NewHold({ onChanged }: { onChanged: () => Promise<void> }) {
  const [candidateId, setCandidateId] = useState('');
  const [reason, setReason] = useState('');
  const hold = useAction(async () => {
    await call(privacyApi.setLegalHold, { params: { id: candidateId }, body: { reason } });
    setReason('');
    await onChanged();
  });
  return (
    <form
      className="button-row"
      aria-label="Put a candidate on legal hold"
      onSubmit={(event) => {
        event.preventDefault();
        void hold.run();
      }}
    >
      <div className="field">
        <label htmlFor="hold-candidate">Candidate</label>
        <CandidatePicker
          control={{
            id: 'hold-candidate',
            name: 'candidateId',
            'aria-invalid': undefined,
            'aria-describedby': undefined,
          }}
          value={candidateId}
          onChange={(candidate) => setCandidateId(candidate?.id ?? '')}
          format={(candidate) => candidate.name}
          placeholder="Choose a candidate"
          optional
        />
      </div>
      <div className="field">
        <label htmlFor="hold-reason">Reason</label>
        <input id="hold-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <button type="submit" disabled={hold.busy || !candidateId || !reason.trim()}>
        Put on legal hold
      </button>
      <ErrorMessage error={hold.error} />
    </form>
  );
}

function RequestTable({ requests, onChanged }: { requests: DataRequest[]; onChanged: () => Promise<void> }) {
  const approve = useAction(async (request: DataRequest) => {
    if (!window.confirm(`Erase all personal data of ${request.candidateName}? This cannot be undone.`))
      return;
    await call(privacyApi.approveErasure, { params: { id: request.id } });
    await onChanged();
  });
  return (
    <>
      <ErrorMessage error={approve.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Request</th>
            <th scope="col">Requested</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr key={request.id}>
              <td>{request.candidateName}</td>
              <td>{request.kind === 'copy' ? 'Copy of their data' : 'Erasure'}</td>
              <td>{formatDateTime(request.requestedAt)}</td>
              <td>{formatDateTime(request.dueAt)}</td>
              <td>
                {request.status === 'completed'
                  ? `Done ${request.completedAt ? formatDateTime(request.completedAt) : ''} by ${request.approvedBy ?? ''}`
                  : request.legalHold
                    ? 'Pending (legal hold)'
                    : 'Pending'}
              </td>
              <td>
                {request.kind === 'copy' ? (
                  // A download; producing it marks the request done, so the list is read again.
                  <a
                    className="button secondary"
                    href={`/api/privacy/requests/${request.id}/copy`}
                    download
                    onClick={() => setTimeout(() => void onChanged(), 1500)}
                  >
                    Download copy
                  </a>
                ) : request.status === 'pending' ? (
                  <button
                    type="button"
                    disabled={approve.busy || request.legalHold}
                    onClick={() => void approve.run(request)}
                  >
                    Confirm erasure
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
