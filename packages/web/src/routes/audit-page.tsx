import { auditApi, usersApi } from '@pairwise/domain';
import { useState } from 'react';
import { CandidatePicker } from '../components/candidate-picker.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatDateTime } from '../lib/zoned-format.ts';

interface Filters {
  candidateId: string;
  userId: string;
  /** Calendar dates from the date inputs, read as whole days in the admin's time zone. */
  from: string;
  to: string;
}

const actionLabels: Record<string, string> = {
  'session.sign_in': 'Signed in',
  'session.sign_in_failed': 'Failed sign-in',
  'session.sign_out': 'Signed out',
  'interview.read': 'Read interview data',
  'interview.change': 'Changed interview data',
  'interview.export': 'Exported interview data',
  'user.disabled': 'Disabled a user',
  'user.enabled': 'Enabled a user',
  'user.password_changed': 'Changed password',
  'audit.export': 'Exported the audit log',
  'user.invited': 'Invited a user',
  'user.invitation_accepted': 'Accepted an invitation',
  'user.first_admin_created': 'First-run setup: first admin created',
  'candidates.read': 'Read the candidate list',
  'outbox.read': 'Read sent mail',
  'candidate.erased': 'Erased candidate data',
  'candidate.exported': "Produced a candidate's copy of their data",
  'candidate.legal_hold_set': 'Put a candidate on legal hold',
  'candidate.legal_hold_cleared': 'Ended a legal hold',
  'retention.set': 'Changed the retention period',
  'data_request.erasure_approved': 'Confirmed an erasure request',
};

/** The filters as the audit routes read them; empty ones are left out. */
function auditFilters(filters: Filters) {
  return {
    ...(filters.candidateId ? { candidateId: filters.candidateId } : {}),
    ...(filters.userId ? { userId: filters.userId } : {}),
    ...(filters.from ? { from: new Date(`${filters.from}T00:00:00`).toISOString() } : {}),
    ...(filters.to ? { to: new Date(`${filters.to}T23:59:59.999`).toISOString() } : {}),
  };
}

/** The same filters for the CSV download's link. */
function queryString(filters: Filters): string {
  return new URLSearchParams(auditFilters(filters)).toString();
}

/** Who did what with candidate data, and when: the admin's answer to "who looked at these notes?". */
export default function AuditPage() {
  useDocumentTitle('Audit log');
  const [filters, setFilters] = useState<Filters>({ candidateId: '', userId: '', from: '', to: '' });
  const query = queryString(filters);
  const entries = usePagedList(auditApi.list, auditFilters(filters), 'entries');
  const users = useResource(() => call(usersApi.list), 'users');
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [key]: event.target.value }));

  return (
    <div className="stack">
      <div className="page-heading">
        <h1>Audit log</h1>
        <a className="button secondary" href={`/api/audit.csv?${query}`} download>
          Download CSV
        </a>
      </div>
      <p className="lead">
        Every sign-in, every staff read and change of interview data, and every export. Entries cannot be
        edited or deleted.
      </p>
      <form
        className="filters button-row"
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="audit-candidate">Candidate</label>
          <CandidatePicker
            control={{
              id: 'audit-candidate',
              name: 'candidateId',
              'aria-invalid': undefined,
              'aria-describedby': undefined,
            }}
            value={filters.candidateId}
            onChange={(candidate) =>
              setFilters((current) => ({ ...current, candidateId: candidate?.id ?? '' }))
            }
            format={(candidate) => candidate.name}
            placeholder="All candidates"
            optional
          />
        </div>
        <div className="field">
          <label htmlFor="audit-user">User</label>
          <select id="audit-user" value={filters.userId} onChange={set('userId')}>
            <option value="">All users</option>
            {users.data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" value={filters.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" type="date" value={filters.to} onChange={set('to')} />
        </div>
      </form>
      {!entries.answer ? (
        <PageState loading={entries.loading} error={entries.error} />
      ) : entries.items.length === 0 ? (
        <p className="muted">No entries match.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Candidate</th>
              <th scope="col">Details</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {entries.items.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{entry.actorLabel}</td>
                <td>{actionLabels[entry.action] ?? entry.action}</td>
                <td>{entry.candidateName ?? ''}</td>
                <td>{typeof entry.detail.route === 'string' ? entry.detail.route : ''}</td>
                <td>{entry.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={entries} label="Show older entries" />
    </div>
  );
}
