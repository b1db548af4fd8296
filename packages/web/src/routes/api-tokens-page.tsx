import {
  type ApiTokenScope,
  apiTokenScopeLabels,
  apiTokenScopes,
  apiTokensApi,
  type CreatedApiToken,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CheckboxGroup } from '../components/checkbox-group.tsx';
import { useConfirmation } from '../components/confirm-dialog.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { useRehearseCommand } from '../features/task-preparation/use-cli-package.ts';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatDateTime } from '../lib/zoned-format.ts';

/**
 * Personal API tokens for `pairwise rehearse` on a colleague's (or one's own) machine. A token
 * works only for the command line's routes: it downloads snapshots and reports rehearsals.
 */
export default function ApiTokensPage() {
  useDocumentTitle('API tokens');
  const [params] = useSearchParams();
  const taskId = params.get('task');
  const tokens = useResource(() => call(apiTokensApi.list), 'api-tokens');
  const me = useUser();
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['cli']);
  const [expiresInDays, setExpiresInDays] = useState('90');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const { ask, dialog } = useConfirmation();
  const create = useAction(async () => {
    setCreated(
      await call(apiTokensApi.create, {
        body: {
          label,
          scopes,
          expiresInDays: expiresInDays === 'never' ? null : Number(expiresInDays),
        },
      }),
    );
    setLabel('');
    void tokens.reload();
  });
  const revoke = useAction(async (id: string, tokenLabel: string) => {
    const confirmed = await ask(
      `Revoke ${tokenLabel}?`,
      'Whatever uses this token stops working at once; a revoked token cannot be restored.',
      'Revoke token',
    );
    if (!confirmed) return;
    await call(apiTokensApi.revoke, { params: { id } });
    if (created?.apiToken.id === id) setCreated(null);
    void tokens.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  const command = useRehearseCommand(taskId, created?.token ?? '<token>');

  return (
    <section>
      <h1>API tokens</h1>
      <p className="lead">
        A personal API token acts as you, limited to the scopes you choose. <code>pairwise rehearse</code>{' '}
        needs only “Rehearse tasks”: downloading a task's snapshot and reporting a rehearsal. An applicant
        tracking system adds candidates and plans interviews with the matching scopes; send an{' '}
        <code>Idempotency-Key</code> header so a retried request creates nothing twice. Every use is in the
        audit log.
      </p>
      {created && (
        <div className="success-panel stack" role="status">
          <h2>Copy your token now: it is not shown again</h2>
          <div className="copy-row">
            <input
              readOnly
              value={created.token}
              aria-label={`Token ${created.apiToken.label}`}
              className="mono"
            />
            <CopyButton text={created.token} label="Copy token" />
          </div>
          <p>
            Then, on the machine to rehearse on (Node.js 20.19 or later; the command installs Pairwise's
            command line from this server){taskId ? '' : ', with the task page’s address'}:
          </p>
          <CommandToCopy command={command} />
        </div>
      )}
      <form onSubmit={submit} className="card stack" aria-labelledby="new-token-heading" noValidate>
        <h2 id="new-token-heading">Create a token</h2>
        <Field
          label="Label"
          name="label"
          error={create.fields.label}
          hint="Where it is used, e.g. “Sam’s laptop”, so you know which to revoke."
        >
          {(control) => <input {...control} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <CheckboxGroup
          legend="What it may do (never more than you may)"
          options={apiTokenScopes.filter((scope) => scope !== 'admin' || hasRole(me, 'admin'))}
          labels={apiTokenScopeLabels}
          value={scopes}
          onChange={setScopes}
          error={create.fields.scopes}
        />
        <Field label="Expires" name="expiresInDays" error={create.fields.expiresInDays}>
          {(control) => (
            <select {...control} value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)}>
              <option value="7">in 7 days</option>
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="366">in a year</option>
              <option value="never">never</option>
            </select>
          )}
        </Field>
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" disabled={create.busy}>
            Create token
          </button>
        </div>
      </form>

      <h2>Your tokens</h2>
      <PageState loading={tokens.loading && !tokens.data} error={tokens.error} />
      <ErrorMessage error={revoke.error} />
      {tokens.data &&
        (tokens.data.tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.label}</td>
                  <td>{token.scopes.join(', ')}</td>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'never'}</td>
                  <td>
                    {token.lastUsedAt
                      ? `${formatDateTime(token.lastUsedAt)}${token.lastUsedFrom ? ` from ${token.lastUsedFrom}` : ''}`
                      : 'never'}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small secondary"
                      disabled={revoke.busy}
                      onClick={() => void revoke.run(token.id, token.label)}
                    >
                      Revoke {token.label}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {dialog}
    </section>
  );
}

function CommandToCopy({ command }: { command: string }) {
  return (
    <div className="copy-row">
      <input readOnly value={command} aria-label="Command to run" className="mono" />
      <CopyButton text={command} label="Copy command" />
    </div>
  );
}
