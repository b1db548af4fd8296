import {
  apiTokenScopeLabels,
  type CreatedServiceToken,
  type ServiceToken,
  type ServiceTokenScope,
  serviceTokenScopes,
  serviceTokensApi,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { CheckboxGroup } from '../components/checkbox-group.tsx';
import { useConfirmation } from '../components/confirm-dialog.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatDateTime } from '../lib/zoned-format.ts';

/**
 * Admin: the organisation's tokens for other systems (an applicant tracking system). They keep
 * working when the admin who made them leaves; revoking one asks first.
 */
export default function ServiceTokensPage() {
  useDocumentTitle('Service tokens');
  const tokens = useResource(() => call(serviceTokensApi.list), 'service-tokens');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ServiceTokenScope[]>(['candidates:manage', 'interviews:plan']);
  const [expiresInDays, setExpiresInDays] = useState('366');
  const [created, setCreated] = useState<CreatedServiceToken | null>(null);
  const { ask, dialog } = useConfirmation();
  const create = useAction(async () => {
    setCreated(
      await call(serviceTokensApi.create, {
        body: {
          name,
          scopes,
          expiresInDays: expiresInDays === 'never' ? null : Number(expiresInDays),
        },
      }),
    );
    setName('');
    void tokens.reload();
  });
  const revoke = useAction(async (token: ServiceToken) => {
    const confirmed = await ask(
      `Revoke ${token.name}?`,
      'The system using this token is refused from its next request on; a revoked token cannot be restored.',
      'Revoke token',
    );
    if (!confirmed) return;
    await call(serviceTokensApi.revoke, { params: { id: token.id } });
    if (created?.serviceToken.id === token.id) setCreated(null);
    void tokens.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <section>
      <h1>Service tokens</h1>
      <p className="lead">
        A service token lets another system, such as an applicant tracking system, add candidates and plan
        interviews. It belongs to the organisation, not to you, and can do only what its scopes name. Every
        use is in the audit log. See the ATS recipe in the documentation for the requests.
      </p>
      {created && (
        <div className="success-panel stack" role="status">
          <h2>Copy the token now: it is not shown again</h2>
          <div className="copy-row">
            <input
              readOnly
              value={created.token}
              aria-label={`Token ${created.serviceToken.name}`}
              className="mono"
            />
            <CopyButton text={created.token} label="Copy token" />
          </div>
        </div>
      )}
      <form onSubmit={submit} className="card stack" aria-labelledby="new-service-token-heading" noValidate>
        <h2 id="new-service-token-heading">Create a service token</h2>
        <Field
          label="Name"
          name="name"
          error={create.fields.name}
          hint="The system that will use it, e.g. “Greenhouse”."
        >
          {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <CheckboxGroup
          legend="What it may do"
          options={serviceTokenScopes}
          labels={apiTokenScopeLabels}
          value={scopes}
          onChange={setScopes}
          error={create.fields.scopes}
        />
        <Field label="Expires" name="expiresInDays" error={create.fields.expiresInDays}>
          {(control) => (
            <select {...control} value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)}>
              <option value="90">in 90 days</option>
              <option value="366">in a year</option>
              <option value="730">in two years</option>
              <option value="never">never</option>
            </select>
          )}
        </Field>
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" disabled={create.busy}>
            Create service token
          </button>
        </div>
      </form>

      <h2>Service tokens</h2>
      <PageState loading={tokens.loading && !tokens.data} error={tokens.error} />
      <ErrorMessage error={revoke.error} />
      {tokens.data &&
        (tokens.data.tokens.length === 0 ? (
          <p className="muted">No service tokens yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
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
                  <td>{token.name}</td>
                  <td>{token.scopes.join(', ')}</td>
                  <td>
                    {formatDateTime(token.createdAt)} by {token.createdBy}
                  </td>
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
                      onClick={() => void revoke.run(token)}
                    >
                      Revoke {token.name}
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
