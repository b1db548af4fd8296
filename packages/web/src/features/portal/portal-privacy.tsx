import { portalApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { portalDateTime, usePortalText } from './portal-i18n.ts';
import type { PortalPartProps } from './portal-status.tsx';

/** Adjustments: anything that would make the session work better for the candidate. */
export function PortalAdjustments({ token, view, onChange }: PortalPartProps) {
  const [text, setText] = useState('');
  const tr = usePortalText();
  const { t } = tr;
  const send = useAction(async () => {
    onChange((await call(portalApi.requestAccommodation, { params: { token }, body: { text } })).portal);
    setText('');
  });
  if (view.phase !== 'upcoming' && view.phase !== 'in_session') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  return (
    <section className="portal-card" aria-labelledby="portal-adjustments">
      <h2 id="portal-adjustments">{t('portal.adjustHeading')}</h2>
      <p>{t('portal.adjustLead')}</p>
      {view.accommodations.length > 0 && (
        <ul className="portal-list">
          {view.accommodations.map((item) => (
            <li key={item.at}>
              <span className="muted">{portalDateTime(tr, item.at, view.timeZone)}:</span> {item.text}
              {item.answer !== null && (
                <p>
                  <strong>{t('portal.adjustAnswer')}</strong> {item.answer}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="stack" aria-label={t('portal.adjustForm')} noValidate>
        <Field label={t('portal.adjustLabel')} name="text" error={send.fields.text}>
          {(control) => (
            <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          )}
        </Field>
        <ErrorMessage error={send.error} />
        <div>
          <button type="submit" className="secondary" disabled={send.busy || !text.trim()}>
            {t('portal.adjustSend')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** What we keep and for how long, and the two requests a candidate can make about it. */
export function PortalPrivacy({ token, view, onChange }: PortalPartProps) {
  const [confirmErasure, setConfirmErasure] = useState(false);
  const tr = usePortalText();
  const { t } = tr;
  const request = useAction(async (kind: 'copy' | 'erasure') => {
    onChange((await call(portalApi.requestData, { params: { token }, body: { kind } })).portal);
    setConfirmErasure(false);
  });
  const requested = new Set(view.privacy.requests.map((r) => r.kind));
  return (
    <section className="portal-card" aria-labelledby="portal-privacy">
      <h2 id="portal-privacy">{t('portal.privacyHeading')}</h2>
      <p>{t('portal.privacyKeptLead')}</p>
      <ul className="portal-list">
        {view.privacy.kept.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{view.privacy.howLong}</p>
      <p className="muted">
        {t('portal.privacyLinkUntil', { at: portalDateTime(tr, view.privacy.linkExpiresAt, view.timeZone) })}
      </p>
      {view.privacy.requests.length > 0 && (
        <ul className="portal-list" role="status">
          {view.privacy.requests.map((r) => (
            <li key={`${r.kind}-${r.at}`}>
              {t('portal.privacyRequested', { kind: r.kind, at: portalDateTime(tr, r.at, view.timeZone) })}
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
            {t('portal.privacyRequestCopy')}
          </button>
        )}
        {!requested.has('erasure') && !confirmErasure && (
          <button type="button" className="secondary" onClick={() => setConfirmErasure(true)}>
            {t('portal.privacyRequestErasure')}
          </button>
        )}
      </div>
      {confirmErasure && (
        <fieldset className="portal-confirm">
          <legend className="visually-hidden">{t('portal.privacyConfirmLegend')}</legend>
          <p>{t('portal.privacyConfirmText')}</p>
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={request.busy}
              onClick={() => request.run('erasure')}
            >
              {t('portal.privacyConfirmYes')}
            </button>
            <button type="button" className="link-button" onClick={() => setConfirmErasure(false)}>
              {t('portal.privacyNotNow')}
            </button>
          </div>
        </fieldset>
      )}
      <ErrorMessage error={request.error} />
    </section>
  );
}
