import { usersApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../components/error-message.tsx';
import { NewPasswordFields, passwordProblem } from '../components/new-password-fields.tsx';
import { useSession } from '../features/session/session-context.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';

export default function AcceptInvitationPage() {
  useDocumentTitle('Accept your account invitation');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const accept = useAction(async () => {
    const answer = await call(usersApi.acceptAccountInvitation, { body: { token, password } });
    signedIn(answer.user);
    navigate('/', { replace: true });
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = passwordProblem(password, repeat);
    setProblem(found);
    if (found === null) void accept.run();
  };

  return (
    <section className="narrow">
      <h1>Welcome to Pairwise</h1>
      <p>You were invited to join. Choose a password to finish creating your account.</p>
      {!token && <p className="notice">This page needs the account invitation link you were sent.</p>}
      <form onSubmit={submit} className="stack" noValidate>
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          error={problem || accept.fields.password}
        />
        <ErrorMessage error={accept.error} />
        <div>
          <button type="submit" disabled={accept.busy || !token}>
            Set password and sign in
          </button>
        </div>
      </form>
    </section>
  );
}
