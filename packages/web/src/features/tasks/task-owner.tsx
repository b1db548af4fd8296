import { type Task, tasksApi, usersApi } from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useResource } from '../../lib/use-resource.ts';

/**
 * For admins: who owns the task, and so may change its commands besides admins. Tasks from before
 * owners existed have none; an admin names one here, or hands a task on when its owner leaves.
 */
export function TaskOwner({ task, onChanged }: { task: Task; onChanged: (task: Task) => void }) {
  const users = useResource(() => call(usersApi.list).then((a) => a.users), 'users');
  const candidates = (users.data ?? []).filter(
    (user) => user.active && (user.roles.includes('interviewer') || user.roles.includes('admin')),
  );
  const [ownerId, setOwnerId] = useState(task.ownerId ?? '');
  const assign = useAction(async () => {
    const answer = await call(tasksApi.assignOwner, { params: { id: task.id }, body: { ownerId } });
    onChanged(answer.task);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void assign.run();
  };
  return (
    <section className="card stack" aria-labelledby="task-owner-heading">
      <h2 id="task-owner-heading">Owner</h2>
      <p className="hint">
        {task.ownerName
          ? `${task.ownerName} owns this task: with admins, the only one who changes its commands.`
          : 'This task has no owner yet, so only admins change its commands. Name one to hand it over.'}
      </p>
      <form onSubmit={submit} className="form-row" noValidate>
        <Field label="Owner" name="ownerId" error={assign.fields.ownerId}>
          {(control) => (
            <select {...control} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} required>
              <option value="" disabled>
                {users.loading ? 'Loading people…' : 'Choose an interviewer or admin'}
              </option>
              {candidates.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" disabled={assign.busy || !ownerId || ownerId === task.ownerId}>
            {assign.busy ? 'Saving…' : 'Make owner'}
          </button>
        </div>
      </form>
      <ErrorMessage error={assign.error} />
    </section>
  );
}
