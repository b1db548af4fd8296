import { type PortalView, portalApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { portalDateTime, usePortalText } from './portal-i18n.ts';
import { SlotPicker } from './slot-picker.tsx';

export interface PortalPartProps {
  token: string;
  view: PortalView;
  onChange: (view: PortalView) => void;
}

/** When and where, and the one question before the day: does this time work for you? */
export function PortalStatus({ token, view, onChange }: PortalPartProps) {
  const { t } = usePortalText();
  return (
    <section className="portal-card portal-status" aria-labelledby="portal-when">
      <h2 id="portal-when">{t('portal.heading', { phase: view.phase })}</h2>
      {view.phase !== 'cancelled' && view.phase !== 'closed' && (
        <dl className="portal-facts">
          <div>
            <dt>{t('details.when')}</dt>
            {/* Before a pick the stored time is only the plan's placeholder: never show it as the time. */}
            <dd>{view.slotOffer?.awaitingPick ? t('portal.youChoose') : view.when}</dd>
          </div>
          <div>
            <dt>{t('details.where')}</dt>
            <dd>
              {view.placeUrl ? (
                <a href={view.placeUrl} rel="noreferrer" target="_blank">
                  {view.place}
                </a>
              ) : (
                view.place
              )}
            </dd>
          </div>
        </dl>
      )}
      {view.phase === 'upcoming' && <Answer token={token} view={view} onChange={onChange} />}
      {view.phase === 'in_session' && <p>{t('portal.inSession')}</p>}
      {view.phase === 'cancelled' && (
        <p>{t('portal.cancelled', { when: view.when, name: view.contact.name })}</p>
      )}
      {view.phase === 'closed' && (
        <p>
          {t('portal.closed', { name: view.contact.name })}{' '}
          <a href={`mailto:${view.contact.email}`}>{view.contact.email}</a>
        </p>
      )}
    </section>
  );
}

function Answer({ token, view, onChange }: PortalPartProps) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const confirm = useAction(async () => {
    onChange((await call(portalApi.confirm, { params: { token } })).portal);
  });
  const requestAnother = useAction(async () => {
    const body = reason.trim() ? { reason } : {};
    onChange((await call(portalApi.requestReschedule, { params: { token }, body })).portal);
    setAsking(false);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void requestAnother.run();
  };
  const response = view.response;
  const offer = view.slotOffer;
  // Times to pick from that nobody picked yet: the invitation's own, or new ones after a request.
  const picking = offer && offer.pickedSlotId === null && offer.slots.length > 0 ? offer : null;
  const tr = usePortalText();
  const { t } = tr;

  return (
    <div className="stack">
      {picking && <SlotPicker token={token} view={view} onChange={onChange} offer={picking} />}
      <div role="status" aria-live="polite">
        {response?.kind === 'confirmed' && (
          <p className="portal-done">
            {t('portal.confirmed', { at: portalDateTime(tr, response.at, view.timeZone) })}
          </p>
        )}
        {response?.kind === 'reschedule_requested' && (
          <p className="portal-done">
            {t('portal.rescheduleRequested', {
              at: portalDateTime(tr, response.at, view.timeZone),
              name: view.contact.name,
            })}
          </p>
        )}
        {response?.kind === 'tentative' && (
          <p className="portal-done">
            {t('portal.tentative', { at: portalDateTime(tr, response.at, view.timeZone) })}
          </p>
        )}
        {response?.kind === 'declined' && (
          <p className="portal-done">
            {t('portal.declined', {
              at: portalDateTime(tr, response.at, view.timeZone),
              name: view.contact.name,
            })}
          </p>
        )}
      </div>
      <p className="hint">{t('portal.noDisadvantage')}</p>
      {!asking && (
        <div className="button-row">
          {response?.kind !== 'confirmed' && !offer?.awaitingPick && (
            <button type="button" className="primary" disabled={confirm.busy} onClick={() => confirm.run()}>
              {t('portal.confirm')}
            </button>
          )}
          {response?.kind !== 'reschedule_requested' && (
            <button type="button" className="secondary" onClick={() => setAsking(true)}>
              {t('portal.askAnother')}
            </button>
          )}
        </div>
      )}
      <ErrorMessage error={confirm.error} />
      {asking && (
        <form onSubmit={submit} className="stack" aria-label={t('portal.askAnother')} noValidate>
          <Field
            label={t('portal.reasonLabel')}
            name="reason"
            error={requestAnother.fields.reason}
            hint={t('portal.reasonHint')}
          >
            {(control) => (
              <textarea {...control} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
          <ErrorMessage error={requestAnother.error} />
          <div className="button-row">
            <button type="submit" className="primary" disabled={requestAnother.busy}>
              {t('portal.sendRequest')}
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(false)}>
              {t('portal.neverMind')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
