import {
  type Candidate,
  interviewsApi,
  type Occurrence,
  type PlanPreview,
  type Position,
  positionsApi,
  type Task,
  tasksApi,
  type User,
  usersApi,
} from '@pairwise/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CandidatePicker } from '../components/candidate-picker.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/form-field.tsx';
import { OccurrenceChoice, occurrenceFor } from '../components/occurrence-choice.tsx';
import { PageState } from '../components/page-state.tsx';
import { TimeZoneSelect } from '../components/time-zone-select.tsx';
import { FreeBusyPanel } from '../features/interview/free-busy-panel.tsx';
import { useUser } from '../features/session/session-context.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';
import { browserTimeZone, formatDateTime, wallClockToInstant } from '../lib/zoned-format.ts';

interface Directory {
  positions: Position[];
  tasks: Task[];
  users: User[];
}

async function loadDirectory(): Promise<Directory> {
  // Candidates are many: the form searches them as the planner types (CandidatePicker).
  const [p, t, u] = await Promise.all([call(positionsApi.list), call(tasksApi.list), call(usersApi.list)]);
  return { positions: p.positions, tasks: t.tasks, users: u.users };
}

export default function PlanInterviewPage() {
  useDocumentTitle('Plan an interview');
  const directory = useResource(loadDirectory, 'directory');
  if (!directory.data) return <PageState loading={directory.loading} error={directory.error} />;
  return (
    <section>
      <h1>Plan an interview</h1>
      <PlanInterviewForm directory={directory.data} />
    </section>
  );
}

function PlanInterviewForm({ directory }: { directory: Directory }) {
  const me = useUser();
  const navigate = useNavigate();
  // A deactivated colleague is on no new panel (the server refuses them too).
  const interviewers = directory.users.filter((u) => u.active && u.roles.includes('interviewer'));
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const candidateId = candidate?.id ?? '';
  const [positionId, setPositionId] = useState('');
  const [taskId, setTaskId] = useState('');
  const [navigatorId, setNavigatorId] = useState(me.roles.includes('interviewer') ? me.id : '');
  const [shadowIds, setShadowIds] = useState<string[]>([]);
  const [startsAtLocal, setStartsAtLocal] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [occurrence, setOccurrence] = useState<Occurrence | undefined>(undefined);
  const [place, setPlace] = useState('');
  // Which overlaps the planner confirmed: a new time meets other interviews and asks again.
  const [confirmedOverlaps, setConfirmedOverlaps] = useState<string | null>(null);
  const [conflictReason, setConflictReason] = useState('');
  const preview = usePlanPreview({
    navigatorId,
    shadowIds,
    positionId,
    taskId,
    startsAtLocal,
    timeZone,
    occurrence,
  });
  const overlaps = preview?.overlaps ?? [];
  const calendarConflicts = preview?.calendarConflicts ?? [];
  // A busy time in someone's own calendar is booked over only with a reason, which is recorded.
  const needsReason = calendarConflicts.some((conflict) => conflict.source === 'calendar');
  const overlapKey = [
    ...overlaps.map((overlap) => overlap.interviewId),
    ...calendarConflicts.map((conflict) => `${conflict.personId}@${conflict.startsAt}`),
  ].join(',');
  const confirmOverlap = overlapKey !== '' && confirmedOverlaps === overlapKey;

  const plan = useAction(async () => {
    const answer = await call(interviewsApi.plan, {
      body: {
        candidateId,
        positionId,
        taskId,
        navigatorId,
        shadowIds: shadowIds.filter((id) => id !== navigatorId),
        startsAtLocal,
        ...occurrenceFor(startsAtLocal, timeZone, occurrence),
        timeZone,
        place,
        confirmOverlap,
        ...(confirmOverlap && conflictReason.trim() ? { conflictReason: conflictReason.trim() } : {}),
      },
    });
    navigate(`/interviews/${answer.interview.id}`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void plan.run();
  };
  const fields = plan.fields;
  const instant = wallClockToInstant(startsAtLocal, timeZone);

  const missing = [
    directory.tasks.length === 0 && <Link to="/tasks/new">create a task</Link>,
    directory.positions.length === 0 && 'ask an admin to create a position',
  ].filter(Boolean);

  return (
    <form onSubmit={submit} className="stack" noValidate>
      {missing.length > 0 && (
        <p className="notice">
          Before planning:{' '}
          {missing.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, short list.
            <span key={i}>
              {i > 0 && '; '}
              {item}
            </span>
          ))}
          .
        </p>
      )}
      <div className="form-row">
        <Field
          label="Candidate"
          name="candidateId"
          error={fields.candidateId}
          hint={
            <>
              Not listed? <Link to="/candidates">Add the candidate</Link> first.
            </>
          }
        >
          {(control) => <CandidatePicker control={control} value={candidateId} onChange={setCandidate} />}
        </Field>
        <Field label="Position" name="positionId" error={fields.positionId}>
          {(control) => (
            <select {...control} required value={positionId} onChange={(e) => setPositionId(e.target.value)}>
              <option value="">Choose…</option>
              {directory.positions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                  {p.level ? ` (${p.level})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Task" name="taskId" error={fields.taskId}>
          {(control) => (
            <select {...control} required value={taskId} onChange={(e) => setTaskId(e.target.value)}>
              <option value="">Choose…</option>
              {directory.tasks.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Navigator" name="navigatorId" error={fields.navigatorId} hint="Runs the session.">
          {(control) => (
            <select
              {...control}
              required
              value={navigatorId}
              onChange={(e) => setNavigatorId(e.target.value)}
            >
              <option value="">Choose…</option>
              {interviewers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                  {u.id === me.id ? ' (you)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className={fields.shadowIds ? 'field-invalid' : undefined}>
          <legend>Shadows (optional)</legend>
          <p className="hint">Join the session, take their own notes and rate independently.</p>
          {interviewers
            .filter((u) => u.id !== navigatorId)
            .map((u) => (
              <label key={u.id} className="choice">
                <input
                  type="checkbox"
                  checked={shadowIds.includes(u.id)}
                  onChange={(e) =>
                    setShadowIds((ids) =>
                      e.target.checked ? [...ids, u.id] : ids.filter((id) => id !== u.id),
                    )
                  }
                />
                {u.name}
              </label>
            ))}
          {fields.shadowIds && <p className="field-error">{fields.shadowIds}</p>}
        </fieldset>
      </div>
      <FreeBusyPanel
        navigatorId={navigatorId}
        shadowIds={shadowIds}
        positionId={positionId}
        taskId={taskId}
        timeZone={timeZone}
        day={startsAtLocal.slice(0, 10)}
        onPick={(local) => {
          setStartsAtLocal(local);
          setOccurrence(undefined);
        }}
      />
      <div className="form-row">
        <Field
          label="Starts at"
          name="startsAtLocal"
          error={fields.startsAtLocal ?? preview?.fields.startsAtLocal ?? fields.startsAt}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              required
              value={startsAtLocal}
              onChange={(e) => setStartsAtLocal(e.target.value)}
            />
          )}
        </Field>
        <Field label="Time zone of that time" name="timeZone" error={fields.timeZone}>
          {(control) => <TimeZoneSelect {...control} value={timeZone} onChange={setTimeZone} />}
        </Field>
        {candidate && candidate.timeZone !== timeZone && (
          <div className="field align-end">
            <button type="button" className="secondary" onClick={() => setTimeZone(candidate.timeZone)}>
              Use {candidate.name}'s zone ({candidate.timeZone})
            </button>
          </div>
        )}
      </div>
      <OccurrenceChoice
        startsAtLocal={startsAtLocal}
        timeZone={timeZone}
        value={occurrence}
        onChange={setOccurrence}
        error={fields.startsAtOccurrence}
      />
      {instant && (
        <p className="hint" aria-live="polite">
          That is {formatDateTime(instant.toISOString())} for you
          {candidate && (
            <> and {formatDateTime(instant.toISOString(), candidate.timeZone)} for the candidate</>
          )}
          .
        </p>
      )}
      {preview && preview.warnings.length > 0 && (
        <div className="notice" role="status">
          <p>Worth a second look (the plan is still allowed):</p>
          <ul>
            {preview.warnings.map((warning) => (
              <li key={warning.code}>{warning.message}</li>
            ))}
          </ul>
        </div>
      )}
      {preview && preview.unknownCalendars.length > 0 && (
        <p className="notice" role="status">
          Not known whether {preview.unknownCalendars.map((person) => person.name).join(', ')}{' '}
          {preview.unknownCalendars.length === 1 ? 'is' : 'are'} free: their calendar did not answer in time.
        </p>
      )}
      {(overlaps.length > 0 || calendarConflicts.length > 0) && (
        <fieldset
          className={fields.confirmOverlap || fields.conflictReason ? 'notice field-invalid' : 'notice'}
        >
          <legend>{needsReason ? 'Overlaps with other bookings' : 'Overlaps with other interviews'}</legend>
          <p>For the time each person must keep free, this time meets:</p>
          <ul>
            {overlaps.map((overlap) => (
              <li key={overlap.interviewId}>
                {formatDateTime(overlap.startsAt)} – {formatDateTime(overlap.endsAt)}:{' '}
                {overlap.people.map((person) => person.name).join(', ')}
                {overlap.candidateName ? ` (with ${overlap.candidateName})` : ''}
              </li>
            ))}
            {calendarConflicts.map((conflict) => (
              <li key={`${conflict.personId}@${conflict.startsAt}`}>
                {formatDateTime(conflict.startsAt)} – {formatDateTime(conflict.endsAt)}: {conflict.name} (
                {conflict.source === 'calendar' ? 'busy in their calendar' : 'another debrief'})
              </li>
            ))}
          </ul>
          <label className="choice">
            <input
              type="checkbox"
              checked={confirmOverlap}
              onChange={(e) => setConfirmedOverlaps(e.target.checked ? overlapKey : null)}
            />
            Plan it anyway; the people above are booked twice
          </label>
          {fields.confirmOverlap && <p className="field-error">{fields.confirmOverlap}</p>}
          {needsReason && (
            <Field
              label="Why book over their calendar?"
              name="conflictReason"
              error={fields.conflictReason}
              hint="Recorded with the plan."
            >
              {(control) => (
                <input
                  {...control}
                  required={confirmOverlap}
                  value={conflictReason}
                  onChange={(e) => setConflictReason(e.target.value)}
                />
              )}
            </Field>
          )}
        </fieldset>
      )}
      <Field label="Place" name="place" error={fields.place} hint="A room, or the video link.">
        {(control) => (
          <input {...control} required value={place} onChange={(e) => setPlace(e.target.value)} />
        )}
      </Field>
      <ErrorMessage error={plan.error} />
      <div>
        <button type="submit" disabled={plan.busy}>
          Plan interview
        </button>
      </div>
    </form>
  );
}

/**
 * Asks the server what it would say about this time while the form is filled in: the guards live
 * in the domain and run on the server, the form only shows their answer.
 */
function usePlanPreview(input: {
  navigatorId: string;
  shadowIds: string[];
  positionId: string;
  taskId: string;
  startsAtLocal: string;
  timeZone: string;
  occurrence: Occurrence | undefined;
}): PlanPreview | null {
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const { navigatorId, positionId, taskId, startsAtLocal, timeZone, occurrence } = input;
  const shadows = input.shadowIds.filter((id) => id !== navigatorId).join(',');
  useEffect(() => {
    if (!navigatorId || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(startsAtLocal)) {
      setPreview(null);
      return;
    }
    let current = true;
    // Typing a time changes it minute by minute; ask once the planner pauses.
    const timer = setTimeout(() => {
      call(interviewsApi.previewPlan, {
        body: {
          navigatorId,
          shadowIds: shadows ? shadows.split(',') : [],
          ...(positionId ? { positionId } : {}),
          ...(taskId ? { taskId } : {}),
          startsAtLocal,
          ...occurrenceFor(startsAtLocal, timeZone, occurrence),
          timeZone,
        },
      })
        .then((answer) => current && setPreview(answer))
        // The plan itself reports what is wrong; a failed preview only hides the hints.
        .catch(() => current && setPreview(null));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [navigatorId, shadows, positionId, taskId, startsAtLocal, timeZone, occurrence]);
  return preview;
}
