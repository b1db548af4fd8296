import { firstRunSetupApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { NewPasswordFields, passwordProblem } from '../components/new-password-fields.tsx';
import { PageState } from '../components/page-state.tsx';
import { useSession } from '../features/session/session-context.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

export default function SetupPage() {
  useDocumentTitle('First-run setup');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const status = useResource(() => call(firstRunSetupApi.status), 'setup');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const create = useAction(async () => {
    const answer = await call(firstRunSetupApi.complete, { body: { token, email, name, password } });
    signedIn(answer.user);
    navigate('/users', { replace: true });
  });

  if (!status.data) return <PageState loading={status.loading} error={status.error} />;
  if (!status.data.needed)
    return (
      <section className="narrow">
        <h1>Pairwise is set up</h1>
        <p>
          An admin account exists already. <Link to="/sign-in">Sign in</Link>.
        </p>
      </section>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = passwordProblem(password, repeat);
    setProblem(found);
    if (found === null) void create.run();
  };

  return (
    <section className="narrow">
      <h1>Create the first admin account</h1>
      <p>
        You are setting up this Pairwise installation. The account you create here can invite everyone else.
      </p>
      {!token && (
        <p className="notice">
          This page needs the setup link the server printed on its first start (it ends in
          <code>?token=…</code>).
        </p>
      )}
      <form onSubmit={submit} className="stack" noValidate>
        <Field label="Your name" name="name" error={create.fields.name}>
          {(control) => (
            <input
              {...control}
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label="Email" name="email" error={create.fields.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          error={problem || create.fields.password}
        />
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" disabled={create.busy || !token}>
            Create admin account
          </button>
        </div>
      </form>
    </section>
  );
}
