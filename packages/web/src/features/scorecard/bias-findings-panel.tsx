import {
  type BiasCheck,
  type BiasLanguageFinding,
  type BiasResolution,
  biasCategoryLabels,
  biasCheckApi,
  findingBlocksSubmission,
  formatObservationSplit,
  isObservationSplit,
  isProtectedCategory,
  type Note,
  notesApi,
  splitObservation,
} from '@pairwise/domain';
import { useEffect, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';
import { NoteOffset } from '../notes/note-list.tsx';
import { HighlightedText } from './highlighted-text.tsx';
import './bias-check.css';

interface Props {
  interviewId: string;
  notes: Note[];
  impression: string;
  /** Changes whenever the saved scorecard changes, so the check is re-run on the saved texts. */
  savedAt: string | null;
  disabled: boolean;
  onNoteChanged: (note: Note) => void;
  /** Told how many phrases are open, so the submit checklist can name them too. */
  onOpenCount?: (open: number) => void;
}

/**
 * The language and structural bias check of the navigator's own notes and impression. The
 * server computes it from the saved texts, so what is shown here is exactly what gates submission.
 */
export function BiasFindingsPanel(props: Props) {
  const { interviewId, notes } = props;
  const key = `${interviewId}:${props.savedAt}:${notes.map((n) => `${n.id}=${n.updatedAt}`).join(',')}`;
  const check = useResource(
    () => call(biasCheckApi.check, { params: { id: interviewId } }).then((a) => a.biasCheck),
    key,
  );
  const data = check.data;
  const { onOpenCount } = props;
  useEffect(() => {
    if (data) onOpenCount?.(data.openCount);
  }, [data, onOpenCount]);
  const byNote = (id: string) => data?.language.filter((f) => f.target === 'note' && f.targetId === id) ?? [];
  const flaggedNotes = notes.filter((note) => !note.deleted && byNote(note.id).length > 0);
  const impressionFindings = data?.language.filter((f) => f.target === 'impression') ?? [];

  return (
    <section aria-labelledby="bias-findings-heading" className="card stack bias-findings">
      <h3 id="bias-findings-heading">Bias check of your wording and ratings</h3>
      <p className="hint">
        Each marked phrase may reflect a bias. Rewrite it as what you observed, or keep it with a reason.
        Submitting waits until every phrase is resolved.
      </p>
      <ErrorMessage error={check.error} />
      {data && (
        <p role="status" className={data.openCount > 0 ? 'notice' : 'success'}>
          {data.openCount === 0
            ? 'No open phrases.'
            : `${data.openCount} flagged phrase${data.openCount === 1 ? '' : 's'} to resolve.`}
        </p>
      )}
      {flaggedNotes.map((note) => (
        <FlaggedNote
          key={note.id}
          interviewId={interviewId}
          note={note}
          findings={byNote(note.id)}
          disabled={props.disabled}
          onNoteChanged={props.onNoteChanged}
          onKept={check.setData}
        />
      ))}
      {impressionFindings.length > 0 && (
        <article className="flagged-text" aria-label="Your impression">
          <p>
            <strong>Your impression: </strong>
            <HighlightedText text={props.impression} findings={impressionFindings} />
          </p>
          <p className="hint">Rewrite it in the impression field below, or keep a phrase with a reason.</p>
          <FindingList
            interviewId={interviewId}
            findings={impressionFindings}
            disabled={props.disabled}
            onKept={check.setData}
          />
        </article>
      )}
      {data && data.structural.length > 0 && (
        <div className="structural-findings">
          <h4>Structural checks</h4>
          <ul>
            {data.structural.map((finding) => (
              <li key={finding.checkId} data-check={finding.checkId}>
                <strong>{finding.message}</strong> <span>What to do: {finding.advice}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function FlaggedNote(props: {
  interviewId: string;
  note: Note;
  findings: BiasLanguageFinding[];
  disabled: boolean;
  onNoteChanged: (note: Note) => void;
  onKept: (check: BiasCheck) => void;
}) {
  const { note } = props;
  const [rewriting, setRewriting] = useState(false);
  const [text, setText] = useState(note.text);
  const save = useAction(async (next: string) => {
    const answer = await call(notesApi.edit, {
      params: { id: props.interviewId, noteId: note.id },
      body: { text: next, tags: note.tags },
    });
    props.onNoteChanged(answer.note);
    setRewriting(false);
  });
  const label = note.text.slice(0, 40);
  return (
    <article className="flagged-text" aria-label={`Flagged note: ${label}`}>
      <p>
        <NoteOffset offsetMs={note.offsetMs} /> <HighlightedText text={note.text} findings={props.findings} />
      </p>
      {!props.disabled && (
        <div className="button-row">
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              setText(note.text);
              setRewriting((open) => !open);
            }}
          >
            Rewrite note
          </button>
          {!isObservationSplit(note.text) && (
            <button
              type="button"
              className="secondary small"
              disabled={save.busy}
              onClick={() =>
                void save.run(formatObservationSplit(splitObservation(note.text, props.findings)))
              }
            >
              Split into observed / concluded
            </button>
          )}
        </div>
      )}
      {rewriting && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void save.run(text);
          }}
        >
          <Field label="Rewritten note" name="text" error={save.fields.text}>
            {(control) => (
              <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" disabled={save.busy}>
              Save rewrite
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={save.error} />
      <FindingList
        interviewId={props.interviewId}
        findings={props.findings}
        disabled={props.disabled}
        onKept={props.onKept}
      />
    </article>
  );
}

function FindingList(props: {
  interviewId: string;
  findings: BiasLanguageFinding[];
  disabled: boolean;
  onKept: (check: BiasCheck) => void;
}) {
  return (
    <ul className="finding-list">
      {props.findings.map((finding) => (
        <FindingItem key={`${finding.start}-${finding.ruleId}`} {...props} finding={finding} />
      ))}
    </ul>
  );
}

function FindingItem(props: {
  interviewId: string;
  finding: BiasLanguageFinding;
  disabled: boolean;
  onKept: (check: BiasCheck) => void;
}) {
  const { finding } = props;
  const open = findingBlocksSubmission(finding);
  const protectedCategory = isProtectedCategory(finding.category);
  const [keeping, setKeeping] = useState(false);
  const [reason, setReason] = useState('');
  const keep = useAction(async () => {
    const answer = await call(biasCheckApi.keep, {
      params: { id: props.interviewId },
      body: {
        target: finding.target,
        targetId: finding.targetId,
        ruleId: finding.ruleId,
        phrase: finding.phrase,
        reason,
      },
    });
    props.onKept(answer.biasCheck);
  });
  return (
    <li className={open ? 'finding' : 'finding resolved'}>
      <p>
        <strong>“{finding.phrase}”</strong>{' '}
        <span className="tag">{biasCategoryLabels[finding.category]}</span> {finding.message}{' '}
        <em>Try instead: {finding.suggestion}</em>
      </p>
      {finding.resolution && <KeptStatus resolution={finding.resolution} />}
      {!finding.resolution && protectedCategory && !props.disabled && (
        <p className="hint">
          A phrase about who the candidate is can only be kept when a second reviewer (another panel member
          who has submitted, or an admin) confirms it.
        </p>
      )}
      {(!finding.resolution || finding.resolution.review?.status === 'rejected') &&
        !props.disabled &&
        (keeping ? (
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              void keep.run();
            }}
          >
            <Field label={`Why keep “${finding.phrase}”?`} name="reason" error={keep.fields.reason}>
              {(control) => <input {...control} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <ErrorMessage error={keep.error} />
            <div className="button-row">
              <button type="submit" disabled={keep.busy}>
                Keep phrase
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="secondary small" onClick={() => setKeeping(true)}>
            {finding.resolution ? 'Keep with a new reason' : 'Keep with a reason'}
          </button>
        ))}
    </li>
  );
}

/** How a kept phrase stands: kept, waiting for a second reviewer, confirmed or rejected. */
function KeptStatus({ resolution }: { resolution: BiasResolution }) {
  const review = resolution.review;
  if (!review) return <p className="muted">Kept: {resolution.reason}</p>;
  if (review.status === 'pending') {
    return (
      <p className="notice">
        Kept: {resolution.reason} — waiting for a second reviewer (another panel member who has submitted, or
        an admin). Submitting waits until it is confirmed.
      </p>
    );
  }
  if (review.status === 'rejected') {
    return (
      <p className="error" role="alert">
        {review.reviewerName} rejected keeping it. Rewrite the phrase, or keep it with a new reason for
        another review.
      </p>
    );
  }
  return (
    <p className="muted">
      Kept: {resolution.reason} — confirmed by {review.reviewerName}.
    </p>
  );
}
