import { type Lever, type Task, type TaskInput, tasksApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { Markdown } from '../../components/markdown.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { LeverListEditor } from './lever-list-editor.tsx';
import { StringListEditor } from './string-list-editor.tsx';

/** The first server message about a field or anything inside it ("levers.2.description"). */
function firstFieldError(fields: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(fields).find((k) => k === prefix || k.startsWith(`${prefix}.`));
  return key ? fields[key] : undefined;
}

export function TaskForm({ task, onSaved }: { task: Task | null; onSaved: (task: Task) => void }) {
  const [title, setTitle] = useState(task?.title ?? '');
  const [summary, setSummary] = useState(task?.summary ?? '');
  const [guide, setGuide] = useState(task?.navigatorGuide ?? '');
  const [previewGuide, setPreviewGuide] = useState(false);
  const [setupCommands, setSetupCommands] = useState<string[]>(task?.setupCommands ?? ['']);
  const [testCommand, setTestCommand] = useState(task?.testCommand ?? '');
  const [setupBudgetMin, setSetupBudgetMin] = useState(String((task?.setupBudgetSec ?? 300) / 60));
  const [pairingMinutes, setPairingMinutes] = useState(String(task?.pairingMinutes ?? 60));
  const [levers, setLevers] = useState<Lever[]>(task?.levers ?? []);
  // The server refuses changed commands from anyone else; the form shows them read-only instead.
  const lockedCommands = task !== null && !task.mayChangeCommands;

  const save = useAction(async () => {
    const input: TaskInput = {
      title,
      summary,
      navigatorGuide: guide,
      // Empty rows are left-overs from "Add command"; they are not commands.
      setupCommands: setupCommands.map((c) => c.trim()).filter(Boolean),
      testCommand,
      setupBudgetSec: Math.round(Number(setupBudgetMin) * 60),
      pairingMinutes: Number(pairingMinutes),
      levers: levers.filter((lever) => lever.description.trim()),
    };
    const answer = task
      ? await call(tasksApi.update, { params: { id: task.id }, body: input })
      : await call(tasksApi.create, { body: input });
    onSaved(answer.task);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const fields = save.fields;

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <Field label="Title" name="title" error={fields.title}>
        {(control) => (
          <input {...control} required value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
      </Field>
      <Field
        label="Summary"
        name="summary"
        error={fields.summary}
        hint="One or two sentences the candidate sees."
      >
        {(control) => (
          <textarea {...control} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
        )}
      </Field>
      <Field
        label="Navigator guide (Markdown)"
        name="navigatorGuide"
        error={fields.navigatorGuide}
        hint="How to run the session: the path through the task, hints to give, what good looks like."
      >
        {(control) => (
          <textarea
            {...control}
            className="mono"
            rows={10}
            value={guide}
            onChange={(e) => setGuide(e.target.value)}
          />
        )}
      </Field>
      <div>
        <button type="button" className="secondary" onClick={() => setPreviewGuide((on) => !on)}>
          {previewGuide ? 'Hide preview' : 'Preview guide'}
        </button>
      </div>
      {previewGuide && (
        <section className="card" aria-label="Navigator guide preview">
          <Markdown source={guide} />
        </section>
      )}
      {lockedCommands ? (
        <section className="card stack" aria-labelledby="locked-commands-heading">
          <h2 id="locked-commands-heading">Commands</h2>
          <p className="hint" id="locked-commands-hint">
            {task?.ownerName
              ? `Only ${task.ownerName}, who owns this task, and admins change its commands: they run wherever the task is rehearsed.`
              : 'Only admins change the commands of this task: they run wherever the task is rehearsed.'}
          </p>
          <ol className="commands mono" aria-label="Setup commands">
            {setupCommands.filter(Boolean).map((command, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same command may appear twice.
              <li key={index}>{command}</li>
            ))}
          </ol>
          <p className="mono">Test command: {testCommand || '(none)'}</p>
        </section>
      ) : (
        <>
          <StringListEditor
            legend="Setup commands"
            itemLabel="Command"
            hint="Run in order on the candidate's machine after cloning; rehearse them from scratch."
            items={setupCommands}
            onChange={setSetupCommands}
            error={firstFieldError(fields, 'setupCommands')}
          />
          <Field label="Test command" name="testCommand" error={fields.testCommand} hint="e.g. npm test">
            {(control) => (
              <input
                {...control}
                className="mono"
                value={testCommand}
                onChange={(e) => setTestCommand(e.target.value)}
              />
            )}
          </Field>
        </>
      )}
      <div className="form-row">
        <Field
          label="Setup budget (minutes)"
          name="setupBudgetSec"
          error={fields.setupBudgetSec}
          hint="Setup time is measured separately and never taken from pairing."
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={120}
              step={0.5}
              value={setupBudgetMin}
              onChange={(e) => setSetupBudgetMin(e.target.value)}
            />
          )}
        </Field>
        <Field label="Pairing (minutes)" name="pairingMinutes" error={fields.pairingMinutes}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={5}
              max={240}
              value={pairingMinutes}
              onChange={(e) => setPairingMinutes(e.target.value)}
            />
          )}
        </Field>
      </div>
      <LeverListEditor levers={levers} onChange={setLevers} error={firstFieldError(fields, 'levers')} />
      <ErrorMessage error={save.error} />
      <div>
        <button type="submit" disabled={save.busy}>
          {task ? 'Save task' : 'Create task'}
        </button>
      </div>
    </form>
  );
}
