import {
  humanDuration,
  type Rehearsal,
  type RehearsalList,
  rehearsalsApi,
  type Task,
  type TaskSnapshot,
} from '@pairwise/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { CopyButton } from '../../components/copy-button.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useNow } from '../../lib/use-now.ts';
import type { Resource } from '../../lib/use-resource.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { useRehearseCommand } from './use-cli-package.ts';
import { type LiveRehearsal, useRehearsalStream } from './use-rehearsal-stream.ts';
import './task-preparation.css';

/**
 * "Rehearse setup": the task's commands run from scratch on the server with live progress, the
 * command for a colleague's machine, and the history of every rehearsal with what went wrong.
 */
export function RehearsalSection({
  task,
  latestSnapshot,
  rehearsals,
}: {
  task: Task;
  latestSnapshot: TaskSnapshot | undefined;
  rehearsals: Resource<RehearsalList>;
}) {
  const list = rehearsals.data?.rehearsals ?? [];
  const serverOff = rehearsals.data?.serverRehearsals === 'off';
  const [watching, setWatching] = useState<string | null>(null);
  const runningId = watching ?? list.find((r) => r.status === 'running' && r.origin === 'server')?.id ?? null;
  const live = useRehearsalStream(task.id, runningId, () => {
    setWatching(null);
    void rehearsals.reload();
  });
  const start = useAction(async () => {
    const answer = await call(rehearsalsApi.start, { params: { id: task.id }, body: {} });
    setWatching(answer.rehearsal.id);
    // The history shows it as running at once; the stream's end reloads it with the result.
    void rehearsals.reload();
  });
  const cancel = useAction(async () => {
    if (runningId) await call(rehearsalsApi.cancel, { params: { id: task.id, rehearsalId: runningId } });
  });
  const command = useRehearseCommand(task.id, '<your API token>');

  return (
    <section id="rehearse" aria-labelledby="rehearse-heading" className="card stack">
      <h2 id="rehearse-heading">Rehearse setup</h2>
      <p className="hint">
        As a candidate would: an empty folder, a clean environment, a clone of the latest snapshot, then each
        command exactly as written, with a timeout. On the server each command runs in a sandbox of its own:
        no network, no access to Pairwise's data, and limits on memory, processes and disk. Budget:{' '}
        {humanDuration(task.setupBudgetSec * 1000)}.
        {rehearsals.data?.serverRehearsals === 'worker' &&
          ' Here rehearsals run on a separate rehearsal worker: a rehearsal waits until one takes it, and each step shows when it has finished.'}
      </p>
      <ol className="commands mono" aria-label="Steps of a rehearsal">
        <li>
          git clone (snapshot {latestSnapshot ? latestSnapshot.commit.slice(0, 7) : 'not exported yet'})
        </li>
        {task.setupCommands.map((setup, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same command may appear twice.
          <li key={index}>{setup}</li>
        ))}
        <li>{task.testCommand || '(no test command yet)'}</li>
      </ol>
      <p className="muted">
        {task.commandsChangedAt
          ? `Commands last changed by ${task.commandsChangedByName ?? 'a former user'} on ${formatDateTime(task.commandsChangedAt)}.`
          : `Commands unchanged since the task was created${task.ownerName ? ` by ${task.ownerName}` : ''}.`}{' '}
        {task.ownerName
          ? `Only ${task.ownerName} and admins can change them.`
          : 'Only admins can change them.'}
      </p>
      <div className="button-row">
        <button
          type="button"
          onClick={() => void start.run()}
          disabled={!latestSnapshot || start.busy || runningId !== null || serverOff}
          aria-describedby={serverOff ? 'server-rehearsals-off' : undefined}
        >
          Rehearse setup
        </button>
        {runningId && (
          <button
            type="button"
            className="secondary"
            onClick={() => void cancel.run()}
            disabled={cancel.busy}
          >
            Stop the rehearsal
          </button>
        )}
        {serverOff ? (
          <span id="server-rehearsals-off" className="muted">
            This server does not run task commands (its administrator set SERVER_REHEARSALS=off). Rehearse on
            your own machine instead, as described below.
          </span>
        ) : (
          !latestSnapshot && <span className="muted">Export a starting point first.</span>
        )}
      </div>
      <ErrorMessage error={start.error} />
      <ErrorMessage error={cancel.error} />
      {live && <LiveProgress live={live} stepCount={task.setupCommands.length + 2} />}

      <details className="other-machine" open={serverOff || undefined}>
        <summary>Rehearse on a colleague's machine</summary>
        <p>
          With Node.js 20.19 or later, a colleague runs the same steps on their machine; the result appears
          below with their machine's name. The command installs Pairwise's command line from this server (no
          checkout needed) and needs a personal <Link to={`/api-tokens?task=${task.id}`}>API token</Link>.
        </p>
        <div className="copy-row">
          <input readOnly value={command} aria-label="Command for a colleague's machine" className="mono" />
          <CopyButton text={command} />
        </div>
      </details>

      <h3>History</h3>
      <PageState loading={rehearsals.loading && !rehearsals.data} error={rehearsals.error} />
      {rehearsals.data &&
        (list.length === 0 ? (
          <p className="muted">Not rehearsed yet.</p>
        ) : (
          <ul className="rehearsal-history" aria-label="Rehearsal history">
            {list.map((rehearsal) => (
              <RehearsalEntry key={rehearsal.id} rehearsal={rehearsal} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function LiveProgress({ live, stepCount }: { live: LiveRehearsal; stepCount: number }) {
  const now = useNow(500);
  const { current } = live;
  // `now` ticks every half second and may predate the last message: never count backwards.
  const elapsed = current
    ? current.elapsedMs + (current.finished ? 0 : Math.max(0, now - live.receivedAt))
    : 0;
  return (
    <section className="rehearsal-live" aria-label="Rehearsal in progress">
      <p role="status">
        {current
          ? `Step ${current.stepIndex + 1} of ${stepCount}: ${current.command}`
          : 'Preparing an empty folder…'}{' '}
        <span className="elapsed" data-testid="step-elapsed">
          {humanDuration(elapsed)}
        </span>
      </p>
      {current && current.tail.length > 0 && (
        <pre className="output-tail" title="Last lines of output">
          {current.tail.join('\n')}
        </pre>
      )}
    </section>
  );
}

/** One line of history: the outcome in words (which step failed and why, or by how much it was over). */
export function rehearsalOutcome(rehearsal: Rehearsal): string {
  if (rehearsal.status === 'running') return 'Running…';
  const budget = humanDuration(rehearsal.budgetMs);
  if (rehearsal.passed && rehearsal.withinBudget)
    return `Passed in ${humanDuration(rehearsal.totalMs)} (budget ${budget})`;
  if (rehearsal.passed) {
    const slowest = [...rehearsal.steps].sort((a, b) => b.durationMs - a.durationMs)[0];
    return `Over budget: ${humanDuration(rehearsal.totalMs)} of ${budget}${slowest ? `; slowest step "${slowest.command}" took ${humanDuration(slowest.durationMs)}` : ''}`;
  }
  const failed = rehearsal.failedStep;
  const step = failed ? rehearsal.steps[failed.index] : undefined;
  return `Failed at step ${failed ? failed.index + 1 : '?'}${step ? ` "${step.command}"` : ''}: ${failed?.reason ?? 'unknown reason'}`;
}

function RehearsalEntry({ rehearsal }: { rehearsal: Rehearsal }) {
  const good = rehearsal.passed && rehearsal.withinBudget;
  return (
    <li id={`rehearsal-${rehearsal.id}`} className={good ? 'rehearsal-passed' : 'rehearsal-failed'}>
      <details>
        <summary>
          <strong>{rehearsalOutcome(rehearsal)}</strong>
          <span className="muted">
            {' '}
            · {rehearsal.machineLabel} ({rehearsal.origin === 'cli' ? 'command line' : 'server'}) · snapshot{' '}
            {rehearsal.snapshotCommit.slice(0, 7)} · {formatDateTime(rehearsal.at)} · {rehearsal.ranByName}
          </span>
        </summary>
        <table aria-label="Steps">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Exit code</th>
              <th scope="col">Time</th>
              <th scope="col">Output (last lines)</th>
            </tr>
          </thead>
          <tbody>
            {rehearsal.steps.map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional.
              <tr key={index}>
                <td className="mono">{step.command}</td>
                <td>{step.timedOut ? 'timed out' : (step.exitCode ?? 'stopped')}</td>
                <td>{humanDuration(step.durationMs)}</td>
                <td>
                  <pre className="output-tail">{step.outputTail.split('\n').slice(-15).join('\n')}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </li>
  );
}
