import {
  candidateRepositoriesApi,
  type RepositoryDiff,
  type RepositoryFile,
  type RepositoryPush,
  type RepositoryTree,
} from '@pairwise/domain';
import { useState } from 'react';
import { PageState } from '../../components/page-state.tsx';
import { call } from '../../lib/api-client.ts';
import { useResource } from '../../lib/use-resource.ts';
import { PushTimeline } from './push-timeline.tsx';
import './candidate-repository.css';

interface Code {
  pushes: RepositoryPush[];
  tree: RepositoryTree;
  diff: RepositoryDiff;
}

const statusLabels: Record<string, string> = {
  A: 'added',
  D: 'deleted',
  M: 'changed',
  R: 'renamed',
  C: 'copied',
  T: 'type changed',
};

/** The report's read-only view of what the candidate built: pushes, the change from the starting point, the final files. */
export function RepositoryCodeSection({ interviewId }: { interviewId: string }) {
  const code = useResource(async (): Promise<Code> => {
    const params = { id: interviewId };
    const [{ pushes }, tree, diff] = await Promise.all([
      call(candidateRepositoriesApi.pushes, { params }),
      call(candidateRepositoriesApi.tree, { params }),
      call(candidateRepositoriesApi.diff, { params }),
    ]);
    return { pushes, tree, diff };
  }, interviewId);

  return (
    <section aria-labelledby="code-heading" className="repository-code">
      <h2 id="code-heading">Code</h2>
      {!code.data ? (
        <PageState loading={code.loading} error={code.error} />
      ) : (
        <>
          <p>
            <a
              className="button no-print"
              href={`/api/interviews/${interviewId}/repository/archive`}
              download
            >
              Download the final code (.tar.gz)
            </a>
          </p>
          <PushTimeline pushes={code.data.pushes} />
          <ChangeSummary diff={code.data.diff} />
          <FinalTree interviewId={interviewId} tree={code.data.tree} />
        </>
      )}
    </section>
  );
}

function ChangeSummary({ diff }: { diff: RepositoryDiff }) {
  return (
    <section aria-labelledby="diff-heading">
      <h3 id="diff-heading">Changes from the starting point</h3>
      {diff.files.length === 0 ? (
        <p className="muted">The final code is the starting point: nothing was changed.</p>
      ) : (
        <>
          <ul className="diff-files">
            {diff.files.map((file) => (
              <li key={file.path}>
                <code>{file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}</code>{' '}
                <span className="muted">
                  {statusLabels[file.status] ?? file.status}
                  {file.additions !== null && ` +${file.additions} −${file.deletions}`}
                </span>
              </li>
            ))}
          </ul>
          <details>
            <summary>The full diff</summary>
            <pre className="diff-patch">
              {diff.patch.split('\n').map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text, never reordered.
                <span key={index} className={lineClass(line)}>
                  {line}
                  {'\n'}
                </span>
              ))}
            </pre>
            {diff.truncated && (
              <p className="muted">The diff is cut short here; download the code for all of it.</p>
            )}
          </details>
        </>
      )}
    </section>
  );
}

function lineClass(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return 'diff-file';
  if (line.startsWith('+')) return 'diff-added';
  if (line.startsWith('-')) return 'diff-removed';
  if (line.startsWith('@@')) return 'diff-hunk';
  return undefined;
}

function FinalTree({ interviewId, tree }: { interviewId: string; tree: RepositoryTree }) {
  const [open, setOpen] = useState<{ path: string; file?: RepositoryFile; error?: unknown } | null>(null);
  const show = async (path: string) => {
    setOpen({ path });
    try {
      const file = await call(candidateRepositoriesApi.file, {
        params: { id: interviewId },
        query: { path },
      });
      setOpen({ path, file });
    } catch (error) {
      setOpen({ path, error });
    }
  };
  return (
    <section aria-labelledby="tree-heading">
      <h3 id="tree-heading">Final files</h3>
      <div className="repository-tree">
        <ul className="tree-files">
          {tree.entries.map((entry) => (
            <li key={entry.path}>
              <button
                type="button"
                className="link-button"
                aria-pressed={open?.path === entry.path}
                onClick={() => void show(entry.path)}
              >
                {entry.path}
              </button>{' '}
              {entry.size !== null && <span className="muted">{formatBytes(entry.size)}</span>}
            </li>
          ))}
        </ul>
        {open && (
          <div className="file-view">
            <h4>{open.path}</h4>
            {open.file ? (
              open.file.binary ? (
                <p className="muted">A binary file ({formatBytes(open.file.size)}); it is in the download.</p>
              ) : (
                <pre>
                  <code>{open.file.content}</code>
                </pre>
              )
            ) : (
              <PageState loading={!open.error} error={open.error} />
            )}
            {open.file?.truncated && <p className="muted">Only the first MiB is shown.</p>}
          </div>
        )}
      </div>
    </section>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
