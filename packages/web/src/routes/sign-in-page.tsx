import {
  firstRunSetupApi,
  type SignInOptions,
  type SingleSignOnFailure,
  sessionApi,
  singleSignOnApi,
} from '@pairwise/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { safeNext, useSession } from '../features/session/session-context.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';

/** Why a sign-in through the provider came back here, in words a person can act on. */
const SSO_FAILURES: Record<SingleSignOnFailure, string> = {
  expired: 'The sign-in took too long or was started in another browser. Please try again.',
  state: 'The answer from your company sign-in did not belong to this sign-in. Please try again.',
  nonce: 'The answer from your company sign-in did not belong to this sign-in. Please try again.',
  code: 'Your company sign-in did not confirm the sign-in in time. Please try again.',
  provider: 'Your company sign-in refused or could not finish the sign-in.',
  unavailable: 'Your company sign-in cannot be reached right now. Try again later or ask your admin.',
  no_group: 'You are in no group that has access to Pairwise. Ask your admin to add you to one.',
  no_email: 'Your company sign-in did not tell Pairwise your email address. Ask your admin.',
  email_taken:
    'A Pairwise account already uses your email, and your company sign-in did not confirm the address. Ask your admin.',
  disabled: 'Your Pairwise account is disabled. Ask your admin.',
};

export default function SignInPage() {
  useDocumentTitle('Sign in');
  const { user, signedIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [options, setOptions] = useState<SignInOptions>({ singleSignOn: false, localPasswords: true });
  const next = safeNext(params.get('next'));
  const ssoFailure = params.get('sso') as SingleSignOnFailure | null;

  useEffect(() => {
    call(singleSignOnApi.signInOptions)
      .then(setOptions)
      .catch(() => {});
  }, []);

  useEffect(() => {
    call(firstRunSetupApi.status)
      .then((answer) => setSetupNeeded(answer.needed))
      .catch(() => {});
  }, []);

  const signIn = useAction(async () => {
    const answer = await call(sessionApi.signIn, { body: { email, password } });
    signedIn(answer.user);
    navigate(next, { replace: true });
  });

  if (user) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn.run();
  };

  const passwordForm = (
    <form onSubmit={submit} className="stack" noValidate>
      <Field label="Email" name="email" error={signIn.fields.email}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Field label="Password" name="password" error={signIn.fields.password}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={signIn.error} />
      <div>
        <button type="submit" disabled={signIn.busy}>
          {signIn.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );

  return (
    <section className="narrow">
      <h1>Sign in</h1>
      {setupNeeded && (
        <p className="notice">
          Pairwise has no admin yet. Open the one-time setup link the server printed when it first started.
        </p>
      )}
      {ssoFailure && ssoFailure in SSO_FAILURES && (
        <div className="error-message" role="alert">
          <p>{SSO_FAILURES[ssoFailure]}</p>
        </div>
      )}
      {options.singleSignOn && (
        <p>
          <a className="button" href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}>
            Sign in with your company account
          </a>
        </p>
      )}
      {options.localPasswords ? (
        passwordForm
      ) : (
        // Passwords are off for everyone but the one break-glass admin, for when the provider is down.
        <details>
          <summary>Break-glass admin sign-in</summary>
          {passwordForm}
        </details>
      )}
    </section>
  );
}
