import { taskSnapshotsApi, tasksApi } from '@pairwise/domain';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/error-message.tsx';
import { PageState } from '../components/page-state.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';

export default function TasksPage() {
  useDocumentTitle('Tasks');
  const tasks = useResource(() => call(tasksApi.list), 'tasks');
  const navigate = useNavigate();
  // The bundled kata, added with its starting point exported, ready to rehearse.
  const addDemo = useAction(async () => {
    const { task } = await call(taskSnapshotsApi.addDemo);
    navigate(`/tasks/${task.id}#starting-point`);
  });
  return (
    <section>
      <div className="page-heading">
        <h1>Tasks</h1>
        <div className="button-row">
          <button
            type="button"
            className="secondary"
            onClick={() => void addDemo.run()}
            disabled={addDemo.busy}
          >
            Add the demo task
          </button>
          <Link to="/tasks/new" className="button">
            New task
          </Link>
        </div>
      </div>
      <ErrorMessage error={addDemo.error} />
      <PageState loading={tasks.loading && !tasks.data} error={tasks.error} />
      {tasks.data &&
        (tasks.data.tasks.length === 0 ? (
          <p className="muted">
            No tasks yet. A task is the exercise you pair on with the candidate. "Add the demo task" adds a
            small kata (singular or plural?) with its tests, ready to rehearse.
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Summary</th>
                <th scope="col">Pairing</th>
                <th scope="col">Setup budget</th>
                <th scope="col">Levers</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.tasks.map((task) => (
                <tr key={task.id}>
                  <td>
                    <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                  </td>
                  <td>{task.summary}</td>
                  <td>{task.pairingMinutes} min</td>
                  <td>{Math.round(task.setupBudgetSec / 60)} min</td>
                  <td>{task.levers.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
