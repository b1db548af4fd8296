import { formatBytes, type TaskSnapshot, type TaskSnapshotDetail, taskSnapshotsApi } from '@pairwise/domain';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import type { Resource } from '../../lib/use-resource.ts';
import { formatDateTime } from '../../lib/zoned-format.ts';
import { FileTree } from './file-tree.tsx';
import { ImportForm } from './import-form.tsx';
import './task-preparation.css';

/**
 * A task's starting point: its snapshots (what candidates' repositories start from), the
 * latest one's files, and the form that imports and exports a new one.
 */
export function StartingPointSection({
  taskId,
  snapshots,
}: {
  taskId: string;
  snapshots: Resource<{ snapshots: TaskSnapshot[] }>;
}) {
  const [exported, setExported] = useState<TaskSnapshotDetail | null>(null);
  const list = snapshots.data?.snapshots ?? [];
  const latest = list[0];

  return (
    <section id="starting-point" aria-labelledby="starting-point-heading" className="card stack">
      <h2 id="starting-point-heading">Starting point</h2>
      <p className="hint">
        What each candidate's repository starts from: one commit with a neutral author, without history,
        dependencies or build output, and only after a secret scan found nothing left to decide. Re-importing
        makes a new snapshot; planned interviews keep theirs.
      </p>
      <PageState loading={snapshots.loading && !snapshots.data} error={snapshots.error} />
      {exported && (
        <div className="success-panel" role="status">
          <p>
            <strong>
              Exported snapshot {exported.snapshot.commit.slice(0, 7)}: {exported.snapshot.fileCount} files,{' '}
              {formatBytes(exported.snapshot.totalBytes)}.
            </strong>
          </p>
          <details>
            <summary>Files</summary>
            <FileTree files={exported.tree} label="Files of the exported snapshot" />
          </details>
        </div>
      )}
      {snapshots.data &&
        (latest ? (
          <SnapshotHistory taskId={taskId} snapshots={list} />
        ) : (
          <p className="notice">
            No starting point yet. Import the task's folder, repository or archive below.
          </p>
        ))}
      <ImportForm
        taskId={taskId}
        onExported={(detail) => {
          setExported(detail);
          void snapshots.reload();
        }}
      />
    </section>
  );
}

function SnapshotHistory({ taskId, snapshots }: { taskId: string; snapshots: TaskSnapshot[] }) {
  return (
    <table aria-label="Snapshots">
      <thead>
        <tr>
          <th scope="col">Snapshot</th>
          <th scope="col">Exported</th>
          <th scope="col">Files</th>
          <th scope="col">Source</th>
          <th scope="col">Decisions</th>
        </tr>
      </thead>
      <tbody>
        {snapshots.map((snapshot, index) => (
          <tr key={snapshot.id} id={`snapshot-${snapshot.id}`}>
            <td>
              <span className="mono">{snapshot.commit.slice(0, 7)}</span>
              {index === 0 && <span className="muted"> (latest)</span>}
            </td>
            <td>
              {formatDateTime(snapshot.createdAt)}
              <br />
              <span className="muted">by {snapshot.createdByName}</span>
            </td>
            <td>
              <SnapshotFiles taskId={taskId} snapshot={snapshot} />
            </td>
            <td className="mono source-cell">{snapshot.source}</td>
            <td>
              <SnapshotDecisions snapshot={snapshot} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SnapshotFiles({ taskId, snapshot }: { taskId: string; snapshot: TaskSnapshot }) {
  const [detail, setDetail] = useState<TaskSnapshotDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    if (detail) return;
    try {
      setDetail(await call(taskSnapshotsApi.get, { params: { id: taskId, snapshotId: snapshot.id } }));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <details onToggle={(event) => (event.currentTarget.open ? void load() : undefined)}>
      <summary>
        {snapshot.fileCount} files, {formatBytes(snapshot.totalBytes)}
      </summary>
      <ErrorMessage error={error} />
      {detail ? (
        <FileTree files={detail.tree} label={`Files of snapshot ${snapshot.commit.slice(0, 7)}`} />
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
    </details>
  );
}

function SnapshotDecisions({ snapshot }: { snapshot: TaskSnapshot }) {
  if (snapshot.excludedPaths.length === 0 && snapshot.acknowledgements.length === 0) {
    return <span className="muted">none needed</span>;
  }
  return (
    <ul className="decisions">
      {snapshot.excludedPaths.map((path) => (
        <li key={path}>
          left out <span className="mono">{path}</span>
        </li>
      ))}
      {snapshot.acknowledgements.map((ack) => (
        <li key={`${ack.path}:${ack.line}:${ack.ruleId}`}>
          <span className="mono">
            {ack.path}:{ack.line}
          </span>{' '}
          ({ack.masked}) not a secret: “{ack.reason}” — {ack.acknowledgedBy}
        </li>
      ))}
    </ul>
  );
}
