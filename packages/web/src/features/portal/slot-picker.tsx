import { type PortalSlotOffer, portalApi } from '@pairwise/domain';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, call, errorMessage } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { usePortalText } from './portal-i18n.ts';
import type { PortalPartProps } from './portal-status.tsx';

/**
 * The offered times as one radio group: arrow keys move between times, Space or Enter chooses,
 * and booking asks once more, naming the time, since it sends everyone's calendar entries.
 * Each time reads in the candidate's zone first, the interviewers' beneath it.
 */
export function SlotPicker({ token, view, onChange, offer }: PortalPartProps & { offer: PortalSlotOffer }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const hintId = useId();
  const { t } = usePortalText();
  const book = useAction(async (slotId: string) => {
    try {
      onChange((await call(portalApi.pickSlot, { params: { token }, body: { slotId } })).portal);
    } catch (error) {
      // Taken meanwhile: show the current list, so the taken time is marked, and keep the message.
      if (error instanceof ApiError && error.status === 409) {
        onChange((await call(portalApi.view, { params: { token } })).portal);
        setChosen(null);
      }
      throw error;
    } finally {
      setConfirming(false);
    }
  });
  const slot = offer.slots.find((s) => s.id === chosen);
  const zonesDiffer = offer.slots.some((s) => s.inCandidateZone !== s.inInterviewZone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!slot) return;
    setConfirming(true);
  };
  // The question replaces the button that asked it: focus moves to its answer, not to the page's top.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <form className="stack slot-picker" onSubmit={submit} noValidate>
      <fieldset aria-describedby={hintId}>
        <legend>{t('slots.legend', { kind: offer.kind })}</legend>
        <p id={hintId} className="hint">
          {t('slots.hint', {
            zonesDiffer: zonesDiffer ? 'yes' : 'no',
            zone: view.timeZone,
            interviewZone: offer.interviewTimeZone,
          })}
        </p>
        <ul className="slot-list">
          {offer.slots.map((s) => (
            <li key={s.id}>
              <label className={s.available ? 'slot' : 'slot slot-taken'}>
                <input
                  type="radio"
                  name="slot"
                  value={s.id}
                  checked={chosen === s.id}
                  disabled={!s.available || book.busy}
                  onChange={() => {
                    setChosen(s.id);
                    setConfirming(false);
                  }}
                />
                <span className="slot-text">
                  <span>{s.inCandidateZone}</span>
                  {zonesDiffer && (
                    <span className="muted">{t('slots.forInterviewers', { range: s.inInterviewZone })}</span>
                  )}
                  {!s.available && <span className="muted">{t('slots.taken')}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {/* The message only: the field's name ("slot Id") is not a word the candidate's language has. */}
      {book.error != null && (
        <div className="error-message" role="alert">
          <p>{errorMessage(book.error)}</p>
        </div>
      )}
      {!confirming && (
        <div className="button-row">
          <button type="submit" className="primary" disabled={!slot || book.busy}>
            {t('slots.book')}
          </button>
        </div>
      )}
      {confirming && slot && (
        <fieldset className="stack">
          <legend>{t('slots.confirmLegend')}</legend>
          <p>
            <ConfirmQuestion
              text={t('slots.confirmQuestion', { time: TIME_MARK })}
              time={slot.inCandidateZone}
            />
          </p>
          <div className="button-row">
            <button
              ref={confirmRef}
              type="button"
              className="primary"
              disabled={book.busy}
              onClick={() => void book.run(slot.id)}
            >
              {t('slots.confirmYes')}
            </button>
            <button type="button" className="link-button" onClick={() => setConfirming(false)}>
              {t('slots.chooseAnother')}
            </button>
          </div>
        </fieldset>
      )}
    </form>
  );
}

// The question names the time in bold wherever the language puts it in the sentence.
const TIME_MARK = '\u0000';
function ConfirmQuestion({ text, time }: { text: string; time: string }) {
  const [before, after] = text.split(TIME_MARK);
  return (
    <>
      {before}
      <strong>{time}</strong>
      {after}
    </>
  );
}
