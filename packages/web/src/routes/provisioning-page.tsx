import { type CreatedScimToken, provisioningApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
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
 * Admin: the SCIM connection an identity provider (Okta, Entra ID) provisions people through,
 * its bearer tokens (shown once), and the interviews a deactivated colleague left to reassign.
 */
export default function ProvisioningPage() {
  useDocumentTitle('Provisioning');
  const settings = useResource(() => call(provisioningApi.settings), 'provisioning');
  const toReassign = useResource(() => call(provisioningApi.interviewsToReassign), 'interviews-to-reassign');
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<CreatedScimToken | null>(null);
  const { ask, dialog } = useConfirmation();
  const create = useAction(async () => {
    setCreated(await call(provisioningApi.createToken, { body: { label } }));
    setLabel('');
    void settings.reload();
  });
  const revoke = useAction(async (id: string, tokenLabel: string) => {
    const confirmed = await ask(
      `Revoke ${tokenLabel}?`,
      'The identity provider using this token is refused from its next request, so nobody is provisioned or deactivated through it until it has a new token. A revoked token cannot be restored.',
      'Revoke token',
    );
    if (!confirmed) return;
    await call(provisioningApi.revokeToken, { params: { id } });
    if (created?.scimToken.id === id) setCreated(null);
    void settings.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  const liveTokens = settings.data?.tokens.filter((token) => !token.revokedAt) ?? [];
  const revokedTokens = settings.data?.tokens.filter((token) => token.revokedAt) ?? [];

  return (
    <section>
      <h1>Provisioning</h1>
      <p className="lead">
        Your identity provider creates, updates and deactivates Pairwise accounts over SCIM 2.0. Roles come
        from its groups through the mapping on the <Link to="/single-sign-on">Single sign-on</Link> page.
        Deactivating someone there signs them out of Pairwise at once and revokes their API tokens.
      </p>
      <PageState loading={settings.loading && !settings.data} error={settings.error} />
      {settings.data && (
        <div className="card stack">
          <h2 id="base-url-heading">SCIM base URL</h2>
          <p>Paste it into the provider's provisioning settings, with a token from below.</p>
          <div className="copy-row">
            <input
              readOnly
              value={settings.data.scimBaseUrl}
              aria-labelledby="base-url-heading"
              className="mono"
            />
            <CopyButton text={settings.data.scimBaseUrl} label="Copy base URL" />
          </div>
        </div>
      )}
      {created && (
        <div className="success-panel stack" role="status">
          <h2>Copy the token now: it is not shown again</h2>
          <div className="copy-row">
            <input
              readOnly
              value={created.token}
              aria-label={`SCIM token ${created.scimToken.label}`}
              className="mono"
            />
            <CopyButton text={created.token} label="Copy token" />
          </div>
          <p>Pairwise keeps only a hash of it. Enter it as the provider's bearer token (“Secret Token”).</p>
        </div>
      )}
      <form onSubmit={submit} className="card stack" aria-labelledby="new-scim-token-heading" noValidate>
        <h2 id="new-scim-token-heading">Create a SCIM token</h2>
        <Field
          label="Label"
          name="label"
          error={create.fields.label}
          hint="Which provider uses it, e.g. “Okta”, so you know which to revoke."
        >
          {(control) => <input {...control} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" disabled={create.busy}>
            Create token
          </button>
        </div>
      </form>

      <h2 id="scim-tokens-heading">Tokens</h2>
      <ErrorMessage error={revoke.error} />
      {settings.data &&
        (liveTokens.length === 0 ? (
          <p className="muted">No token works now: no provider can reach Pairwise.</p>
        ) : (
          <table aria-labelledby="scim-tokens-heading">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {liveTokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.label}</td>
                  <td>
                    {formatDateTime(token.createdAt)}
                    {token.createdByName ? ` by ${token.createdByName}` : ''}
                  </td>
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
      {revokedTokens.length > 0 && (
        <details>
          <summary>Revoked tokens ({revokedTokens.length})</summary>
          <ul>
            {revokedTokens.map((token) => (
              <li key={token.id}>
                {token.label}, revoked {formatDateTime(token.revokedAt!)}
              </li>
            ))}
          </ul>
        </details>
      )}

      <h2 id="reassign-heading">Interviews to reassign</h2>
      <PageState loading={toReassign.loading && !toReassign.data} error={toReassign.error} />
      {toReassign.data &&
        (toReassign.data.interviews.length === 0 ? (
          <p className="muted">No interview names a deactivated colleague.</p>
        ) : (
          <table aria-labelledby="reassign-heading">
            <thead>
              <tr>
                <th scope="col">Interview</th>
                <th scope="col">Starts</th>
                <th scope="col">Stage</th>
                <th scope="col">Deactivated on its panel</th>
              </tr>
            </thead>
            <tbody>
              {toReassign.data.interviews.map((interview) => (
                <tr key={interview.id}>
                  <td>
                    <Link to={`/interviews/${interview.id}`}>
                      {interview.candidateName}, {interview.positionTitle}
                    </Link>
                  </td>
                  <td>{formatDateTime(interview.startsAt)}</td>
                  <td>{interview.stage.replaceAll('_', ' ')}</td>
                  <td>{interview.members.map((member) => `${member.name} (${member.seat})`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {dialog}
    </section>
  );
}
