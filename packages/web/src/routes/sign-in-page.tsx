import type { User } from '@pairwise/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { safeNext, useSession } from '../features/session/session-context.tsx';
import { api } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';

export default function SignInPage() {
  useDocumentTitle('Sign in');
  const { user, signedIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [setupNeeded, setSetupNeeded] = useState(false);
  const next = safeNext(params.get('next'));

  useEffect(() => {
    api
      .get<{ needed: boolean }>('/setup')
      .then((answer) => setSetupNeeded(answer.needed))
      .catch(() => {});
  }, []);

  const signIn = useAction(async () => {
    const answer = await api.post<{ user: User }>('/session', { email, password });
    signedIn(answer.user);
    navigate(next, { replace: true });
  });

  if (user) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn.run();
  };

  return (
    <section className="narrow">
      <h1>Sign in</h1>
      {setupNeeded && (
        <p className="notice">
          Pairwise has no admin yet. Open the one-time setup link the server printed when it first started.
        </p>
      )}
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
    </section>
  );
}
