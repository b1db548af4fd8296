import type { PortalView } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { api } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { type PortalPartProps, portalPath } from './portal-status.tsx';

/** Adjustments: anything that would make the session work better for the candidate. */
export function PortalAdjustments({ token, view, onChange }: PortalPartProps) {
  const [text, setText] = useState('');
  const send = useAction(async () => {
    onChange((await api.post<{ portal: PortalView }>(portalPath(token, '/accommodations'), { text })).portal);
    setText('');
  });
  if (view.phase !== 'upcoming' && view.phase !== 'in_session') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  return (
    <section className="portal-card" aria-labelledby="portal-adjustments">
      <h2 id="portal-adjustments">Adjustments</h2>
      <p>
        If anything would make the session work better for you (a screen reader, larger font, more breaks, a
        different editor, captions), tell us here. Only your interviewers read it.
      </p>
      {view.accommodations.length > 0 && (
        <ul className="portal-list">
          {view.accommodations.map((item) => (
            <li key={item.at}>
              <span className="muted">{formatDateTime(item.at, view.timeZone)}:</span> {item.text}
              {item.answer !== null && (
                <p>
                  <strong>Our answer:</strong> {item.answer}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="stack" aria-label="Ask for adjustments" noValidate>
        <Field label="What would help?" name="text" error={send.fields.text}>
          {(control) => (
            <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          )}
        </Field>
        <ErrorMessage error={send.error} />
        <div>
          <button type="submit" className="secondary" disabled={send.busy || !text.trim()}>
            Send to my interviewers
          </button>
        </div>
      </form>
    </section>
  );
}

const requestLabels = { copy: 'a copy of your data', erasure: 'the erasure of your data' } as const;

/** What we keep and for how long, and the two requests a candidate can make about it. */
export function PortalPrivacy({ token, view, onChange }: PortalPartProps) {
  const [confirmErasure, setConfirmErasure] = useState(false);
  const request = useAction(async (kind: 'copy' | 'erasure') => {
    onChange((await api.post<{ portal: PortalView }>(portalPath(token, '/data-requests'), { kind })).portal);
    setConfirmErasure(false);
  });
  const requested = new Set(view.privacy.requests.map((r) => r.kind));
  return (
    <section className="portal-card" aria-labelledby="portal-privacy">
      <h2 id="portal-privacy">Your data</h2>
      <p>What we keep about your interview:</p>
      <ul className="portal-list">
        {view.privacy.kept.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{view.privacy.howLong}</p>
      <p className="muted">
        This link works until {formatDateTime(view.privacy.linkExpiresAt, view.timeZone)}.
      </p>
      {view.privacy.requests.length > 0 && (
        <ul className="portal-list" role="status">
          {view.privacy.requests.map((r) => (
            <li key={`${r.kind}-${r.at}`}>
              You asked for {requestLabels[r.kind]} on {formatDateTime(r.at, view.timeZone)}. We will reply by
              email.
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        {!requested.has('copy') && (
          <button
            type="button"
            className="secondary"
            disabled={request.busy}
            onClick={() => request.run('copy')}
          >
            Request a copy of my data
          </button>
        )}
        {!requested.has('erasure') && !confirmErasure && (
          <button type="button" className="secondary" onClick={() => setConfirmErasure(true)}>
            Request erasure of my data
          </button>
        )}
      </div>
      {confirmErasure && (
        <fieldset className="portal-confirm">
          <legend className="visually-hidden">Confirm the erasure request</legend>
          <p>
            We will delete what we keep about you and let you know by email. If the interview is still ahead,
            tell your contact too, so they can cancel it.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={request.busy}
              onClick={() => request.run('erasure')}
            >
              Yes, request erasure
            </button>
            <button type="button" className="link-button" onClick={() => setConfirmErasure(false)}>
              Not now
            </button>
          </div>
        </fieldset>
      )}
      <ErrorMessage error={request.error} />
    </section>
  );
}
