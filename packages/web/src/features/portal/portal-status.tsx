import type { PortalView } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { api } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { SlotPicker } from './slot-picker.tsx';

export interface PortalPartProps {
  token: string;
  view: PortalView;
  onChange: (view: PortalView) => void;
}

export const portalPath = (token: string, suffix = '') => `/portal/${encodeURIComponent(token)}${suffix}`;

/** When and where, and the one question before the day: does this time work for you? */
export function PortalStatus({ token, view, onChange }: PortalPartProps) {
  return (
    <section className="portal-card portal-status" aria-labelledby="portal-when">
      <h2 id="portal-when">{heading(view)}</h2>
      {view.phase !== 'cancelled' && view.phase !== 'closed' && (
        <dl className="portal-facts">
          <div>
            <dt>When</dt>
            {/* Before a pick the stored time is only the plan's placeholder: never show it as the time. */}
            <dd>{view.slotOffer?.awaitingPick ? 'You choose: see the times below' : view.when}</dd>
          </div>
          <div>
            <dt>Where</dt>
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
      {view.phase === 'in_session' && <p>Your interview is happening now. Enjoy the pairing!</p>}
      {view.phase === 'cancelled' && (
        <p>
          The interview planned for {view.when} is cancelled. The calendar entry is cancelled too; you do not
          need to do anything. If you have questions, {view.contact.name} is happy to help.
        </p>
      )}
      {view.phase === 'closed' && (
        <p>
          This interview is not going ahead as planned. If you would like to find a new time, write to{' '}
          {view.contact.name}: <a href={`mailto:${view.contact.email}`}>{view.contact.email}</a>.
        </p>
      )}
    </section>
  );
}

function heading(view: PortalView): string {
  switch (view.phase) {
    case 'upcoming':
      return 'Your interview';
    case 'in_session':
      return 'Today';
    case 'after':
    case 'decided':
      return 'Thank you for pairing with us';
    case 'cancelled':
      return 'This interview is cancelled';
    case 'closed':
      return 'About your interview';
  }
}

function Answer({ token, view, onChange }: PortalPartProps) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const confirm = useAction(async () => {
    onChange((await api.post<{ portal: PortalView }>(portalPath(token, '/confirmation'))).portal);
  });
  const requestAnother = useAction(async () => {
    const body = reason.trim() ? { reason } : {};
    onChange((await api.post<{ portal: PortalView }>(portalPath(token, '/reschedule-request'), body)).portal);
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
  const from = response?.source === 'calendar' ? ' in your calendar' : '';

  return (
    <div className="stack">
      {picking && <SlotPicker token={token} view={view} onChange={onChange} offer={picking} />}
      <div role="status" aria-live="polite">
        {response?.kind === 'confirmed' && (
          <p className="portal-done">
            You confirmed{from} on {formatDateTime(response.at, view.timeZone)}. Thank you, see you then!
          </p>
        )}
        {response?.kind === 'reschedule_requested' && (
          <p className="portal-done">
            You asked for another time{from} on {formatDateTime(response.at, view.timeZone)}
            {response.proposedStartsAt
              ? ` (you suggested ${formatDateTime(response.proposedStartsAt, view.timeZone)})`
              : ''}
            . {view.contact.name} will send you a new time; your calendar entry updates itself.
          </p>
        )}
        {response?.kind === 'tentative' && (
          <p className="portal-done">
            Your calendar answered “maybe” on {formatDateTime(response.at, view.timeZone)}. Confirm here when
            you are sure, or ask for another time.
          </p>
        )}
        {response?.kind === 'declined' && (
          <p className="portal-done">
            Your calendar declined this time on {formatDateTime(response.at, view.timeZone)}.{' '}
            {view.contact.name} will be in touch; you can also ask for another time here.
          </p>
        )}
      </div>
      <p className="hint">
        Asking for another time carries no disadvantage, whatever the reason and also on the day itself. If
        you are not feeling well, just tell us.
      </p>
      {!asking && (
        <div className="button-row">
          {response?.kind !== 'confirmed' && !offer?.awaitingPick && (
            <button type="button" className="primary" disabled={confirm.busy} onClick={() => confirm.run()}>
              Confirm this time
            </button>
          )}
          {response?.kind !== 'reschedule_requested' && (
            <button type="button" className="secondary" onClick={() => setAsking(true)}>
              Ask for another time
            </button>
          )}
        </div>
      )}
      <ErrorMessage error={confirm.error} />
      {asking && (
        <form onSubmit={submit} className="stack" aria-label="Ask for another time" noValidate>
          <Field
            label="Anything you would like us to know? (optional)"
            name="reason"
            error={requestAnother.fields.reason}
            hint="You do not need to give a reason. Times that suit you better are welcome."
          >
            {(control) => (
              <textarea {...control} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
          <ErrorMessage error={requestAnother.error} />
          <div className="button-row">
            <button type="submit" className="primary" disabled={requestAnother.busy}>
              Send my request
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(false)}>
              Never mind
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
