import { Field } from './form-field.tsx';

export const MIN_PASSWORD_LENGTH = 12;

/** Password and its repetition: a mistyped first password would lock the person out. */
export function NewPasswordFields(props: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  error?: string;
}) {
  const mismatch = props.repeat.length > 0 && props.repeat !== props.password;
  return (
    <>
      <Field
        label="Password"
        name="password"
        error={props.error}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember.`}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            value={props.password}
            onChange={(event) => props.onPassword(event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Repeat the password"
        name="repeatPassword"
        error={mismatch ? 'The two passwords differ.' : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            required
            value={props.repeat}
            onChange={(event) => props.onRepeat(event.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/** Checked before sending, so a mismatch is caught here rather than by a locked-out user. */
export function passwordProblem(password: string, repeat: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  // A mismatch is already shown live beside the repeated password.
  if (password !== repeat) return '';
  return null;
}
