import {
  type Candidate,
  type CandidateLocale,
  candidateLocales,
  candidatesApi,
  languageNames,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { PageState } from '../components/page-state.tsx';
import { TimeZoneSelect } from '../components/time-zone-select.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { browserTimeZone } from '../lib/zoned-format.ts';

export default function CandidatesPage() {
  useDocumentTitle('Candidates');
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  const candidates = usePagedList(candidatesApi.list, trimmed ? { q: trimmed } : {}, 'candidates');
  const loaded = !candidates.loading || candidates.items.length > 0;

  return (
    <section>
      <h1>Candidates</h1>
      <CreateCandidateForm onCreated={() => void candidates.reload()} />
      <h2>All candidates</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="candidate-search">Search by the start of a name or email</label>
          <input
            id="candidate-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      </div>
      <PageState loading={!loaded} error={candidates.error} />
      {loaded &&
        (candidates.items.length === 0 ? (
          <p className="muted">{trimmed ? 'No candidate matches.' : 'No candidates yet.'}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Time zone</th>
                <th scope="col">Language</th>
                <th scope="col">Pronouns</th>
                <th scope="col">Accommodations</th>
              </tr>
            </thead>
            <tbody>
              {candidates.items.map((candidate) => (
                <tr key={candidate.id}>
                  <td>{candidate.name}</td>
                  <td>{candidate.withheld.contact ? <Withheld /> : candidate.email}</td>
                  <td>{candidate.timeZone}</td>
                  <td>
                    {candidate.withheld.contact ? (
                      languageNames[candidate.locale]
                    ) : (
                      <CandidateLanguage candidate={candidate} />
                    )}
                  </td>
                  <td>{candidate.withheld.contact ? <Withheld /> : (candidate.pronouns ?? '—')}</td>
                  <td>
                    {candidate.withheld.accommodations ? <Withheld /> : (candidate.accommodations ?? '—')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <LoadMore list={candidates} label="Show more candidates" />
    </section>
  );
}

function CreateCandidateForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [pronouns, setPronouns] = useState('');
  const [accommodations, setAccommodations] = useState('');
  const [locale, setLocale] = useState('');

  const create = useAction(async () => {
    await call(candidatesApi.create, {
      body: {
        name,
        email,
        timeZone,
        // Optional fields are left out rather than sent empty, so "not given" stays distinguishable.
        ...(pronouns.trim() ? { pronouns } : {}),
        ...(accommodations.trim() ? { accommodations } : {}),
        // Left out, the organisation's default applies.
        ...(locale ? { locale: locale as CandidateLocale } : {}),
      },
    });
    setName('');
    setEmail('');
    setPronouns('');
    setAccommodations('');
    onCreated();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="candidate-heading" noValidate>
      <h2 id="candidate-heading">Add a candidate</h2>
      <div className="form-row">
        <Field label="Name" name="name" error={create.fields.name}>
          {(control) => (
            <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Email" name="email" error={create.fields.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Candidate's time zone"
          name="timeZone"
          error={create.fields.timeZone}
          hint="Invitations show times in this zone."
        >
          {(control) => <TimeZoneSelect {...control} value={timeZone} onChange={setTimeZone} />}
        </Field>
        <Field
          label="Candidate's language"
          name="locale"
          error={create.fields.locale}
          hint="Their mails, calendar entry and portal are in this language; they can switch on the portal."
        >
          {(control) => (
            <select {...control} value={locale} onChange={(e) => setLocale(e.target.value)}>
              <option value="">The organisation's default</option>
              {candidateLocales.map((code) => (
                <option key={code} value={code}>
                  {languageNames[code]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Pronouns (optional)" name="pronouns" error={create.fields.pronouns}>
          {(control) => <input {...control} value={pronouns} onChange={(e) => setPronouns(e.target.value)} />}
        </Field>
        <Field
          label="Accommodations (optional)"
          name="accommodations"
          error={create.fields.accommodations}
          hint="What the candidate asked for, e.g. extra setup time or captions."
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={accommodations}
              onChange={(e) => setAccommodations(e.target.value)}
            />
          )}
        </Field>
      </div>
      <ErrorMessage error={create.error} />
      <div>
        <button type="submit" disabled={create.busy}>
          Add candidate
        </button>
      </div>
    </form>
  );
}

/**
 * The language the candidate's next messages and portal are in, changed in place: it takes
 * effect from the next message, and the preview before each send shows that language.
 */
function CandidateLanguage({ candidate }: { candidate: Candidate }) {
  const [locale, setLocale] = useState(candidate.locale);
  const save = useAction(async (next: Candidate['locale']) => {
    const { candidate: saved } = await call(candidatesApi.update, {
      params: { id: candidate.id },
      body: { locale: next },
    });
    setLocale(saved.locale);
  });
  return (
    <>
      <select
        aria-label={`Language for ${candidate.name}`}
        value={locale}
        disabled={save.busy}
        onChange={(e) => void save.run(e.target.value as Candidate['locale'])}
      >
        {candidateLocales.map((code) => (
          <option key={code} value={code}>
            {languageNames[code]}
          </option>
        ))}
      </select>
      <ErrorMessage error={save.error} />
    </>
  );
}

/** Details go only to the candidate's panels, line manager, whoever added them, and admins. */
function Withheld() {
  return <span className="hint">Only for their panel</span>;
}
