import { tasksApi } from '@pairwise/domain';
import { useNavigate, useParams } from 'react-router';
import { PageState } from '../components/page-state.tsx';
import { hasRole, useUser } from '../features/session/session-context.tsx';
import { TaskPreparation } from '../features/task-preparation/task-preparation.tsx';
import { TaskForm } from '../features/tasks/task-form.tsx';
import { TaskOwner } from '../features/tasks/task-owner.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useResource } from '../lib/use-resource.ts';

export default function TaskEditPage() {
  const { taskId } = useParams();
  const navigate = useNavigate();
  const me = useUser();
  const task = useResource(
    () =>
      taskId ? call(tasksApi.get, { params: { id: taskId } }).then((a) => a.task) : Promise.resolve(null),
    taskId ?? 'new',
  );
  useDocumentTitle(taskId ? `Task: ${task.data?.title ?? ''}` : 'New task');

  if (task.data === undefined) return <PageState loading={task.loading} error={task.error} />;
  return (
    <section>
      <h1>{task.data ? `Edit task: ${task.data.title}` : 'New task'}</h1>
      <TaskForm key={task.data?.id ?? 'new'} task={task.data} onSaved={() => navigate('/tasks')} />
      {task.data && hasRole(me, 'admin') && (
        <TaskOwner key={task.data.id} task={task.data} onChanged={task.setData} />
      )}
      {task.data && <TaskPreparation key={task.data.id} task={task.data} />}
    </section>
  );
}
