import {
  type CandidateLocale,
  candidateLocales,
  type DayDurationKey,
  dayDurationBounds,
  dayDurationKeys,
  type MessageTemplate,
  type OrganisationSettings,
  positionsApi,
  settingsApi,
  type TemplatePart,
  templatePartLabels,
  templateParts,
} from '@pairwise/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useConfirmation } from '../components/confirm-dialog.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { PageState } from '../components/page-state.tsx';
import { call, errorMessage, fieldErrors } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

const localeNames: Record<CandidateLocale, string> = {
  en: 'English',
  de: 'German (Deutsch)',
  fr: 'French (Français)',
  es: 'Spanish (Español)',
};

/** Admins: the day's lengths, the organisation's name and address, and its words to candidates. */
export default function SettingsPage() {
  useDocumentTitle('Settings');
  const settings = useResource(() => call(settingsApi.get), 'organisation-settings');
  return (
    <section className="stack">
      <h1>Settings</h1>
      <PageState loading={settings.loading && !settings.data} error={settings.error} />
      {settings.data && (
        <SettingsForm initial={settings.data.settings} onSaved={() => void settings.reload()} />
      )}
      <TemplatesEditor />
    </section>
  );
}

interface Draft {
  durations: Record<DayDurationKey, string>;
  defaultLocale: CandidateLocale;
  organisationName: string;
  replyTo: string;
}

function draftOf(settings: OrganisationSettings): Draft {
  return {
    durations: Object.fromEntries(
      dayDurationKeys.map((key) => [key, String(settings.durations[key])]),
    ) as Record<DayDurationKey, string>,
    defaultLocale: settings.defaultLocale,
    organisationName: settings.organisationName ?? '',
    replyTo: settings.replyTo ?? '',
  };
}

function SettingsForm({ initial, onSaved }: { initial: OrganisationSettings; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    await call(settingsApi.update, {
      body: {
        durations: Object.fromEntries(dayDurationKeys.map((key) => [key, Number(draft.durations[key])])),
        defaultLocale: draft.defaultLocale,
        organisationName: draft.organisationName.trim() || null,
        replyTo: draft.replyTo.trim() || null,
      },
    });
    setSaved(true);
    onSaved();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const setDuration = (key: DayDurationKey, value: string) =>
    setDraft((d) => ({ ...d, durations: { ...d.durations, [key]: value } }));
  return (
    <form className="card stack" onSubmit={submit} aria-label="Organisation settings" noValidate>
      <h2>The interview day</h2>
      <p className="hint" id="settings-apply">
        Lengths apply to interviews planned from now on. An interview keeps the lengths it was planned with,
        so changing a setting never changes what a candidate has already been told.
      </p>
      {dayDurationKeys.map((key) => {
        const { label, min, max } = dayDurationBounds[key];
        return (
          <Field
            key={key}
            label={`${label} (minutes)`}
            name={key}
            hint={`Between ${min} and ${max}.`}
            error={save.fields[`durations.${key}`]}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                step={1}
                required
                value={draft.durations[key]}
                onChange={(e) => setDuration(key, e.target.value)}
              />
            )}
          </Field>
        );
      })}
      <h2>The organisation</h2>
      <Field
        label="Default candidate language"
        name="defaultLocale"
        hint="The language of candidate messages and the portal until a candidate’s own is known."
        error={save.fields.defaultLocale}
      >
        {(control) => (
          <select
            {...control}
            value={draft.defaultLocale}
            onChange={(e) => setDraft((d) => ({ ...d, defaultLocale: e.target.value as CandidateLocale }))}
          >
            {candidateLocales.map((locale) => (
              <option key={locale} value={locale}>
                {localeNames[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Organisation name"
        name="organisationName"
        hint="Named in candidate messages and as the sender of every mail. Leave empty not to name it."
        error={save.fields.organisationName}
      >
        {(control) => (
          <input
            {...control}
            value={draft.organisationName}
            maxLength={200}
            onChange={(e) => setDraft((d) => ({ ...d, organisationName: e.target.value }))}
          />
        )}
      </Field>
      <Field
        label="Reply-to address for candidates"
        name="replyTo"
        hint="Where candidates’ replies go. Leave empty to send them to the interview’s navigator."
        error={save.fields.replyTo}
      >
        {(control) => (
          <input
            {...control}
            type="email"
            value={draft.replyTo}
            onChange={(e) => setDraft((d) => ({ ...d, replyTo: e.target.value }))}
          />
        )}
      </Field>
      <ErrorMessage error={save.error} />
      {saved && (
        <p role="status" className="success">
          Settings saved.
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.busy}>
          Save settings
        </button>
      </div>
    </form>
  );
}

/** The free parts of candidate messages, per language, for the organisation or one position. */
function TemplatesEditor() {
  const positions = useResource(() => call(positionsApi.list), 'positions');
  // The positions page links here with the position chosen.
  const [params] = useSearchParams();
  const [positionId, setPositionId] = useState(params.get('positionId') ?? '');
  const [locale, setLocale] = useState<CandidateLocale>('en');
  const [part, setPart] = useState<TemplatePart>('welcome');
  const templates = useResource(
    () => call(settingsApi.templates, { query: positionId ? { positionId } : {} }),
    `templates:${positionId}`,
  );
  const current = templates.data?.templates.find((t) => t.locale === locale && t.part === part);
  return (
    <div className="card stack" id="messages">
      <h2>Messages to candidates</h2>
      <p className="hint">
        Write the welcome, what to bring, the reminder’s opening and the decision messages in your own voice.
        Times, agenda, links and Pairwise’s promises to the candidate stay as they are around your text. Where
        you write nothing, Pairwise’s wording is used.
      </p>
      <div className="button-row">
        <Field label="For" name="scope">
          {(control) => (
            <select {...control} value={positionId} onChange={(e) => setPositionId(e.target.value)}>
              <option value="">The whole organisation</option>
              {positions.data?.positions.map((position) => (
                <option key={position.id} value={position.id}>
                  Position: {position.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Language" name="locale">
          {(control) => (
            <select
              {...control}
              value={locale}
              onChange={(e) => setLocale(e.target.value as CandidateLocale)}
            >
              {candidateLocales.map((l) => (
                <option key={l} value={l}>
                  {localeNames[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Message part" name="part">
          {(control) => (
            <select {...control} value={part} onChange={(e) => setPart(e.target.value as TemplatePart)}>
              {templateParts.map((p) => (
                <option key={p} value={p}>
                  {templatePartLabels[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <PageState loading={templates.loading && !templates.data} error={templates.error} />
      {current && (
        <TemplateForm
          key={`${positionId}:${locale}:${part}`}
          template={current}
          positionId={positionId || undefined}
          onChanged={() => void templates.reload()}
        />
      )}
    </div>
  );
}

const sourceLabels: Record<MessageTemplate['source'], string> = {
  pairwise: 'Pairwise’s wording',
  organisation: 'the organisation’s text',
  position: 'this position’s text',
};

function TemplateForm({
  template,
  positionId,
  onChanged,
}: {
  template: MessageTemplate;
  positionId: string | undefined;
  onChanged: () => void;
}) {
  const [text, setText] = useState(template.text);
  const [preview, setPreview] = useState<{ text: string | null; error: unknown }>({
    text: null,
    error: null,
  });
  const [saved, setSaved] = useState(false);
  const { ask, dialog } = useConfirmation();
  const ownScope = positionId ? 'position' : 'organisation';

  // The live preview follows the text after a short pause in typing, checked as a save checks it.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call(settingsApi.previewTemplate, {
        body: { locale: template.locale, part: template.part, text },
      }).then(
        (result) => current && setPreview({ text: result.text, error: null }),
        (error: unknown) => current && setPreview({ text: null, error }),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, template.locale, template.part]);

  const save = useAction(async () => {
    setSaved(false);
    await call(settingsApi.saveTemplate, {
      params: { locale: template.locale, part: template.part },
      body: { text, ...(positionId ? { positionId } : {}) },
    });
    setSaved(true);
    onChanged();
  });
  const reset = useAction(async () => {
    const inherited = positionId ? 'the organisation’s text (or Pairwise’s)' : 'Pairwise’s wording';
    const confirmed = await ask(
      'Reset this text?',
      `Your text for “${templatePartLabels[template.part]}” in ${localeNames[template.locale]} is deleted and messages use ${inherited} again. This cannot be undone.`,
      'Reset the text',
    );
    if (!confirmed) return;
    const answer = await call(settingsApi.resetTemplate, {
      params: { locale: template.locale, part: template.part },
      query: positionId ? { positionId } : {},
    });
    // The editor shows what messages use now: the inherited text.
    setText(answer.template.text);
    setSaved(false);
    onChanged();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const previewFields = fieldErrors(preview.error);
  return (
    <form className="stack" onSubmit={submit} aria-label="Edit message text">
      <p>
        In use now: <strong>{sourceLabels[template.source]}</strong>
        {template.updatedAt ? ` (saved ${new Date(template.updatedAt).toLocaleString()})` : ''}.
      </p>
      <Field
        label={`${templatePartLabels[template.part]} — ${localeNames[template.locale]}`}
        name="text"
        hint={
          <>
            Variables this text can use:{' '}
            {template.variables.map((name, index) => (
              <span key={name}>
                {index > 0 && ', '}
                <code>{`{${name}}`}</code>
              </span>
            ))}
            . Write a literal brace as <code>'{'{'}'</code>.
          </>
        }
        error={save.fields.text}
      >
        {(control) => (
          <textarea
            {...control}
            rows={8}
            value={text}
            onChange={(e) => {
              setSaved(false);
              setText(e.target.value);
            }}
          />
        )}
      </Field>
      <section aria-labelledby="template-preview-heading" className="stack">
        <h3 id="template-preview-heading">Preview with sample values</h3>
        <div aria-live="polite">
          {preview.text !== null ? (
            <pre
              className="invitation-text"
              style={{ whiteSpace: 'pre-wrap' }}
              data-testid="template-preview"
            >
              {preview.text}
            </pre>
          ) : preview.error ? (
            <p className="field-error" role="alert">
              {previewFields.text ? `${errorMessage(preview.error)}` : errorMessage(preview.error)}
            </p>
          ) : (
            <p className="muted">Preparing the preview…</p>
          )}
        </div>
      </section>
      <ErrorMessage error={save.error ?? reset.error} />
      {saved && (
        <p role="status" className="success">
          Text saved.
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.busy}>
          Save text
        </button>
        <button type="button" className="secondary" onClick={() => setText(template.pairwiseText)}>
          Start from Pairwise’s wording
        </button>
        {template.source === ownScope && (
          <button type="button" className="secondary" disabled={reset.busy} onClick={() => void reset.run()}>
            Reset to {positionId ? 'the organisation’s text' : 'Pairwise’s wording'}
          </button>
        )}
      </div>
      {dialog}
    </form>
  );
}
