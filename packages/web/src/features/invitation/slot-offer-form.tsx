import { type SlotOfferPreview, type SlotOfferState, selfSchedulingApi } from '@pairwise/domain';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';

/** The newest offer: which times, and which one the candidate picked (or that it was withdrawn). */
export function OfferedTimes({
  interviewId,
  timeZone,
  version,
}: {
  interviewId: string;
  timeZone: string;
  version: string;
}) {
  const state = useResource(
    () => call(selfSchedulingApi.state, { params: { id: interviewId } }),
    `${interviewId}:${version}`,
  );
  const offer = state.data?.offer;
  if (!offer) return null;
  const status = {
    open: 'waiting for the candidate to pick',
    booked: `picked ${offer.pickedAt ? formatDateTime(offer.pickedAt) : ''}`,
    withdrawn: 'withdrawn (the time, place or plan changed since)',
  }[offer.status];
  return (
    <div className="stack">
      <h3>
        Times offered on {formatDateTime(offer.createdAt)}: {status}
      </h3>
      <ul>
        {offer.slots.map((slot) => (
          <li key={slot.id}>
            {formatDateTime(slot.startsAt, timeZone)}
            {slot.picked ? ' — picked by the candidate' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Offering times instead of fixing one: a few concrete starts or a window cut into slots, read in
 * the interview's zone. The preview shows the offer and the confirmation a pick sends exactly as
 * they go out; sending needs that preview's digest, so what is sent is what was read.
 */
export function SlotOfferForm({
  interviewId,
  timeZone,
  invited,
  notReadyReason,
  onSent,
}: {
  interviewId: string;
  timeZone: string;
  /** After the invitation the offer is a new time to choose; before it, it is the invitation. */
  invited: boolean;
  /** Before the invitation, the reason to send although the checklist is not ready (if needed). */
  notReadyReason: string | undefined;
  onSent: (state: SlotOfferState) => void;
}) {
  const id = useId();
  const [mode, setMode] = useState<'slots' | 'window'>('slots');
  // Each row keeps its own key, so removing one does not move the others' inputs.
  const [rows, setRows] = useState([{ key: 0, value: '' }]);
  const [nextKey, setNextKey] = useState(1);
  const slots = rows.map((row) => row.value);
  const [window, setWindow] = useState({ fromLocal: '', toLocal: '', slotMinutes: 60 });
  const [preview, setPreview] = useState<SlotOfferPreview | null>(null);
  const body = () =>
    mode === 'slots'
      ? { timeZone, slots: slots.filter((s) => s !== '') }
      : { timeZone, window: { ...window, slotMinutes: Number(window.slotMinutes) } };
  const load = useAction(async () => {
    setPreview(await call(selfSchedulingApi.preview, { params: { id: interviewId }, body: body() }));
  });
  const send = useAction(async (digest: string) => {
    const state = await call(selfSchedulingApi.send, {
      params: { id: interviewId },
      body: { ...body(), previewDigest: digest, ...(notReadyReason ? { notReadyReason } : {}) },
    });
    setPreview(null);
    onSent(state);
  });
  // Any change after the preview makes it stale: preview again before sending.
  const edited = () => setPreview(null);

  return (
    <details className="slot-offer">
      <summary>{invited ? 'Offer new times to choose from' : 'Offer times to choose from instead'}</summary>
      <div className="stack">
        <fieldset>
          <legend>What to offer (times in {timeZone})</legend>
          <label>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'slots'}
              onChange={() => {
                setMode('slots');
                edited();
              }}
            />{' '}
            A few times
          </label>{' '}
          <label>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'window'}
              onChange={() => {
                setMode('window');
                edited();
              }}
            />{' '}
            A window cut into slots
          </label>
        </fieldset>
        {mode === 'slots' ? (
          <div className="stack">
            {rows.map(({ key, value }, i) => (
              <div className="button-row" key={key}>
                <label htmlFor={`${id}-slot-${i}`}>Time {i + 1}</label>
                <input
                  id={`${id}-slot-${i}`}
                  type="datetime-local"
                  value={value}
                  onChange={(event) => {
                    setRows(
                      rows.map((row, j) => (j === i ? { key: row.key, value: event.target.value } : row)),
                    );
                    edited();
                  }}
                />
                {rows.length > 1 && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setRows(rows.filter((_, j) => j !== i));
                      edited();
                    }}
                  >
                    Remove time {i + 1}
                  </button>
                )}
              </div>
            ))}
            <div className="button-row">
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setRows([...rows, { key: nextKey, value: '' }]);
                  setNextKey(nextKey + 1);
                }}
              >
                Add a time
              </button>
            </div>
          </div>
        ) : (
          <div className="stack">
            <label htmlFor={`${id}-from`}>From</label>
            <input
              id={`${id}-from`}
              type="datetime-local"
              value={window.fromLocal}
              onChange={(event) => {
                setWindow({ ...window, fromLocal: event.target.value });
                edited();
              }}
            />
            <label htmlFor={`${id}-to`}>Until</label>
            <input
              id={`${id}-to`}
              type="datetime-local"
              value={window.toLocal}
              onChange={(event) => {
                setWindow({ ...window, toLocal: event.target.value });
                edited();
              }}
            />
            <label htmlFor={`${id}-every`}>A start every (minutes)</label>
            <input
              id={`${id}-every`}
              type="number"
              min={15}
              step={15}
              value={window.slotMinutes}
              onChange={(event) => {
                setWindow({ ...window, slotMinutes: Number(event.target.value) });
                edited();
              }}
            />
          </div>
        )}
        <div className="button-row">
          <button type="button" className="secondary" disabled={load.busy} onClick={() => void load.run()}>
            Preview the offer
          </button>
        </div>
        <ErrorMessage error={load.error} />
        {preview && (
          <div className="stack" aria-live="polite">
            <p>
              {preview.slots.length} time{preview.slots.length === 1 ? '' : 's'} offered
              {preview.excluded.length > 0 ? `; left out: ${preview.excluded.length}` : ''}.
            </p>
            {preview.excluded.length > 0 && (
              <ul>
                {preview.excluded.map((slot) => (
                  <li key={slot.startsAt}>
                    {formatDateTime(slot.startsAt, timeZone)}: {slot.reason}
                  </li>
                ))}
              </ul>
            )}
            <h3>The offer: {preview.offer.subject}</h3>
            <pre className="invitation-text">{preview.offer.text}</pre>
            <h3>The confirmation a pick sends (for the first time): {preview.confirmation.subject}</h3>
            <pre className="invitation-text">{preview.confirmation.text}</pre>
            <div className="button-row">
              <button
                type="button"
                className="primary"
                disabled={send.busy}
                onClick={() => void send.run(preview.previewDigest)}
              >
                Send this offer
              </button>
            </div>
          </div>
        )}
        <ErrorMessage error={send.error} />
      </div>
    </details>
  );
}
