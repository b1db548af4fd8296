import {
  type MyScorecard,
  type Note,
  type Recommendation,
  recommendationLabels,
  recommendations,
  scorecardsApi,
} from '@pairwise/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendWithConfirmation, useConfirmation } from '../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatClockTime } from '../../lib/zoned-format.ts';
import { NotesRefiner } from '../notes/notes-refiner.tsx';
import { useNotes } from '../notes/use-notes.ts';
import { BiasCheckForm } from '../scorecard/bias-check-form.tsx';
import { BiasFindingsPanel } from '../scorecard/bias-findings-panel.tsx';
import { KeepReviewPanel } from '../scorecard/keep-review-panel.tsx';
import { RatingsForm } from '../scorecard/ratings-form.tsx';
import {
  draftFrom,
  openPoints,
  requestFrom,
  type ScorecardDraft,
  withAttributes,
} from '../scorecard/scorecard-draft.ts';
import { useInterviewContext } from './interview-context.tsx';
import { Countdown } from './phase-clock.tsx';
import './interview.css';
import './refinement.css';

const AUTOSAVE_MS = 1_500;

export function RefinementPanel() {
  const { interview } = useInterviewContext();
  const scorecard = useResource(
    () => call(scorecardsApi.mine, { params: { id: interview.id } }),
    interview.id,
  );
  const { takesNotes } = useInterviewContext();
  const endsAt = interview.clock.refinementEndsAt;
  return (
    <section aria-labelledby="refinement-heading" className="stage-panel stack">
      <div className="refinement-top">
        <h2 id="refinement-heading">Refinement</h2>
        {endsAt && (
          <Countdown
            label="Refinement"
            endsAt={endsAt}
            totalMs={interview.clock.refinementMinutes * 60_000}
          />
        )}
      </div>
      {!takesNotes ? (
        <p className="card">
          The navigator and any shadows refine their notes and rate here; the report follows.
        </p>
      ) : scorecard.data ? (
        <RefinementForm mine={scorecard.data} />
      ) : (
        <PageState loading={scorecard.loading} error={scorecard.error} />
      )}
    </section>
  );
}

function RefinementForm({ mine }: { mine: MyScorecard }) {
  const saved = mine.scorecard;
  const { interview, apply, notesVersion } = useInterviewContext();
  const { savedNotes, replaceSaved, loadError } = useNotes(interview.id, notesVersion);
  const [draft, setDraft] = useState<ScorecardDraft>(() => draftFrom(saved, mine.focusAttributes));
  const [loadedAttributes] = useState(() => draft.focusAttributes);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // The bias check's offsets refer to the impression as saved, not as being typed.
  const [savedImpression, setSavedImpression] = useState(saved?.impression ?? '');
  const [openPhrases, setOpenPhrases] = useState(0);
  const [autosaveError, setAutosaveError] = useState<unknown>(null);
  const submitted = saved?.submittedAt != null;
  const edited = useRef(false);

  /** Takes in what the server saved, including the position's attributes as they are now. */
  const accept = useCallback((answer: MyScorecard) => {
    setSavedAt(answer.scorecard?.updatedAt ?? null);
    setSavedImpression(answer.scorecard?.impression ?? '');
    setDraft((current) => withAttributes(current, answer.focusAttributes) ?? current);
  }, []);

  // Refinement takes half an hour; a reload or a closed tab must not take the draft with it.
  useEffect(() => {
    if (!edited.current || submitted) return;
    const timer = window.setTimeout(async () => {
      // A save or submit in the meantime already sent this draft.
      if (!edited.current) return;
      try {
        accept(
          await call(scorecardsApi.saveDraft, { params: { id: interview.id }, body: requestFrom(draft) }),
        );
        setAutosaveError(null);
      } catch (error) {
        setAutosaveError(error);
      }
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, interview.id, submitted, accept]);

  const { ask, dialog } = useConfirmation();
  const persist = useAction(async (submit: boolean) => {
    edited.current = false;
    accept(await call(scorecardsApi.saveDraft, { params: { id: interview.id }, body: requestFrom(draft) }));
    if (submit) {
      // Before refinement's 30 minutes are up the server asks to confirm, with the minutes left.
      const moved = await sendWithConfirmation(ask, (flags) =>
        call(scorecardsApi.submit, { params: { id: interview.id }, body: flags }),
      );
      if (moved) apply(moved.interview);
    }
  });
  const fields = persist.fields;
  // withAttributes keeps the list as loaded until the server answers with a different one.
  const attributesChanged = draft.focusAttributes !== loadedAttributes;
  const open = [
    ...openPoints(draft),
    ...(openPhrases > 0
      ? [`${openPhrases} flagged phrase${openPhrases === 1 ? '' : 's'} to rewrite or keep with a reason`]
      : []),
  ];
  // A refusal describes the scorecard as it was; once it changes, the live list below takes over.
  const change = (update: (draft: ScorecardDraft) => ScorecardDraft) => {
    if (persist.error) persist.clearError();
    edited.current = true;
    setDraft(update);
  };

  return (
    // Not a <form>: each note has its own edit form, and forms must not nest.
    <div className="stack">
      {dialog}
      <ErrorMessage error={loadError} />
      {/* In time order, beside the page's timeline of pushes, levers and the TDD rhythm. */}
      <NotesRefiner interviewId={interview.id} notes={sortedByTime(savedNotes)} onChanged={replaceSaved} />
      <BiasFindingsPanel
        interviewId={interview.id}
        notes={savedNotes}
        impression={savedImpression}
        savedAt={savedAt ?? saved?.updatedAt ?? null}
        disabled={submitted}
        onNoteChanged={replaceSaved}
        onOpenCount={setOpenPhrases}
      />
      <BiasCheckForm
        checklist={draft.biasChecklist}
        fields={fields}
        disabled={submitted}
        onChange={(id, answer) =>
          change((d) => ({ ...d, biasChecklist: { ...d.biasChecklist, [id]: answer } }))
        }
      />
      {attributesChanged && (
        <p className="notice" role="status">
          An admin changed this position’s focus attributes while you were rating; the ratings below now
          follow the current list. Ratings of attributes that remain are kept.
        </p>
      )}
      <RatingsForm
        draft={draft}
        notes={savedNotes}
        fields={fields}
        disabled={submitted}
        onChange={(attribute, rating) =>
          change((d) => ({ ...d, ratings: { ...d.ratings, [attribute]: rating } }))
        }
      />
      <section aria-labelledby="impression-heading" className="card stack">
        <h3 id="impression-heading">Impression and recommendation</h3>
        <Field
          label="Impression"
          name="impression"
          error={fields.impression}
          hint="What the line manager reads first: the session in a few sentences, tied to the evidence."
        >
          {(control) => (
            <textarea
              {...control}
              rows={6}
              value={draft.impression}
              disabled={submitted}
              onChange={(e) => change((d) => ({ ...d, impression: e.target.value }))}
            />
          )}
        </Field>
        <fieldset className={fields.recommendation ? 'field-invalid' : undefined}>
          <legend>Recommendation</legend>
          <div className="button-row">
            {recommendations.map((value) => (
              <label key={value} className="choice inline">
                <input
                  type="radio"
                  name="recommendation"
                  value={value}
                  checked={draft.recommendation === value}
                  disabled={submitted}
                  onChange={() => change((d) => ({ ...d, recommendation: value as Recommendation }))}
                />
                {recommendationLabels[value]}
              </label>
            ))}
          </div>
          {fields.recommendation && <p className="field-error">{fields.recommendation}</p>}
        </fieldset>
      </section>
      {submitted ? (
        <>
          <p className="success">Your scorecard is submitted.</p>
          <KeepReviewPanel interviewId={interview.id} />
        </>
      ) : (
        <>
          {open.length > 0 && (
            <div className="notice">
              <p>Before submitting:</p>
              <ul>
                {open.map((point) => (
                  <li key={point}>{point}</li>
                ))}
              </ul>
            </div>
          )}
          <ErrorMessage error={persist.error} />
          <div className="button-row">
            <button
              type="button"
              className="secondary"
              disabled={persist.busy}
              onClick={() => persist.run(false)}
            >
              Save draft
            </button>
            <button
              type="button"
              className="primary"
              disabled={persist.busy}
              onClick={() => persist.run(true)}
            >
              Submit impression
            </button>
            <span role="status" className={autosaveError ? 'field-error' : 'muted'}>
              {autosaveError
                ? 'The draft could not be saved automatically; use Save draft.'
                : savedAt && `Draft saved at ${formatClockTime(savedAt)}.`}
            </span>
          </div>
        </>
      )}
    </div>
  );
}

const sortedByTime = (notes: Note[]) =>
  [...notes].sort(
    (a, b) => (a.offsetMs ?? -1) - (b.offsetMs ?? -1) || a.createdAt.localeCompare(b.createdAt),
  );
