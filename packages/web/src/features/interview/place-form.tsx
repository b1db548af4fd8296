import { invitationsApi, type MessagePreview } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useInterviewContext } from './interview-context.tsx';

interface PlaceChangePreview {
  preview: MessagePreview | null;
  previewDigest: string | null;
}

/**
 * A new room or video link. First the update the candidate would get is shown (nothing is sent
 * before the invitation); saving sends exactly that, with the panel's interview blocks.
 */
export function PlaceForm() {
  const { interview, reload } = useInterviewContext();
  const [place, setPlace] = useState('');
  const [checked, setChecked] = useState<(PlaceChangePreview & { place: string }) | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const params = { id: interview.id };

  const preview = useAction(async (newPlace: string) => {
    const result = await call(invitationsApi.previewPlaceChange, { params, body: { place: newPlace } });
    setChecked({ ...result, place: newPlace });
  });
  const save = useAction(async () => {
    if (!checked) return;
    await call(invitationsApi.changePlace, {
      params,
      body: {
        place: checked.place,
        ...(checked.previewDigest ? { previewDigest: checked.previewDigest } : {}),
      },
    });
    setSaved(checked.place);
    setChecked(null);
    setPlace('');
    await reload();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    void preview.run(place);
  };
  const fields = { ...preview.fields, ...save.fields };

  return (
    <section aria-labelledby="place-heading">
      <h3 id="place-heading">Change the place</h3>
      {saved && (
        <p role="status" className="success">
          The place is now {saved}.
        </p>
      )}
      <form onSubmit={submit} className="stack" aria-label="Change the place" noValidate>
        <Field
          label="New place"
          name="place"
          error={fields.place}
          hint={`Currently ${interview.place}. A room or a video link; leave the candidate's name out of it.`}
        >
          {(control) => (
            <input
              {...control}
              required
              maxLength={500}
              value={place}
              onChange={(e) => {
                setPlace(e.target.value);
                setChecked(null);
              }}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="secondary" disabled={preview.busy || !place.trim()}>
            Preview the change
          </button>
        </div>
      </form>
      <ErrorMessage error={preview.error} />
      {checked && (
        <div className="stack" aria-live="polite">
          {checked.preview ? (
            <>
              <p>The candidate gets this update, and the panel's interview blocks move to the new place:</p>
              <details className="invitation-preview" open>
                <summary>
                  Preview: <strong>{checked.preview.subject}</strong>
                </summary>
                <pre className="invitation-text">{checked.preview.text}</pre>
              </details>
            </>
          ) : (
            <p>
              The candidate has not been invited yet, so nothing is sent; the invitation will name the new
              place.
            </p>
          )}
          <div className="button-row">
            <button type="button" disabled={save.busy} onClick={() => void save.run()}>
              {checked.preview ? 'Send the update and change the place' : 'Change the place'}
            </button>
            <button type="button" className="secondary" onClick={() => setChecked(null)}>
              Keep the current place
            </button>
          </div>
          <ErrorMessage error={save.error} />
        </div>
      )}
    </section>
  );
}
