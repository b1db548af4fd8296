import {
  type ArchiveUpload,
  type DroppedPathView,
  type ExportPreview,
  type ExportRequest,
  formatBytes,
  type SecretFindingView,
  type SnapshotSourceInput,
  type TaskSnapshotDetail,
  taskSnapshotsApi,
} from '@pairwise/domain';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Field } from '../../components/form-field.tsx';
import { ApiError, call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { uploadArchive } from './archive-upload.ts';
import { FileTree } from './file-tree.tsx';
import { type Acknowledgements, FindingsTable, findingKey } from './findings-table.tsx';
import './task-preparation.css';

type SourceKind = SnapshotSourceInput['kind'];

const droppedReasons: Record<DroppedPathView['reason'], string> = {
  'git-metadata': 'git history',
  dependencies: 'dependencies',
  'build-output': 'build output',
  gitignore: '.gitignore',
  excluded: 'excluded by you',
  'special-file': 'not a regular file',
};

/**
 * Import a starting point: choose the source, check it (tree, dropped files, secret findings),
 * exclude files or acknowledge findings with a reason, then export it as a new snapshot.
 */
export function ImportForm({
  taskId,
  onExported,
}: {
  taskId: string;
  onExported: (d: TaskSnapshotDetail) => void;
}) {
  const [kind, setKind] = useState<SourceKind>('directory');
  const [directory, setDirectory] = useState('');
  const [gitUrl, setGitUrl] = useState('');
  const [gitRef, setGitRef] = useState('');
  const [upload, setUpload] = useState<ArchiveUpload | null>(null);
  const [uploadProgress, setUploadProgress] = useState<number | null>(null);
  const [excluded, setExcluded] = useState<string[]>([]);
  const [acknowledged, setAcknowledged] = useState<Acknowledgements>({});
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [blocking, setBlocking] = useState<SecretFindingView[] | null>(null);
  // Changes since the last check: the preview on screen no longer shows what an export would do.
  const [stale, setStale] = useState(false);

  const source = (): SnapshotSourceInput | null => {
    if (kind === 'directory') return { kind, path: directory.trim() };
    if (kind === 'git') return { kind, url: gitUrl.trim(), ...(gitRef.trim() ? { ref: gitRef.trim() } : {}) };
    return upload ? { kind, uploadId: upload.id } : null;
  };
  const request = (): ExportRequest | null => {
    const chosen = source();
    if (!chosen) return null;
    const acknowledgements = Object.values(acknowledged).filter((a) => !excluded.includes(a.path));
    return { source: chosen, excludedPaths: excluded, acknowledgements };
  };
  const resetResults = () => {
    setPreview(null);
    setBlocking(null);
    setStale(false);
  };

  const check = useAction(async () => {
    const body = request();
    if (!body) throw new ApiError(400, 'invalid_request', 'Upload an archive first.');
    const answer = await call(taskSnapshotsApi.preview, { params: { id: taskId }, body });
    setPreview(answer.preview);
    setBlocking(null);
    setStale(false);
  });
  const exportSnapshot = useAction(async () => {
    const body = request();
    if (!body) throw new ApiError(400, 'invalid_request', 'Upload an archive first.');
    try {
      const detail = await call(taskSnapshotsApi.export, { params: { id: taskId }, body });
      resetResults();
      setExcluded([]);
      setAcknowledged({});
      if (kind === 'archive') setUpload(null);
      onExported(detail);
    } catch (error) {
      // A blocked export lists its findings here, so they can be handled without another check.
      const findings = error instanceof ApiError ? error.details.findings : undefined;
      if (Array.isArray(findings)) setBlocking(findings as SecretFindingView[]);
      throw error;
    }
  });
  const sendArchive = useAction(async (file: File) => {
    setUpload(null);
    setUploadProgress(0);
    try {
      setUpload(await uploadArchive(taskId, file, setUploadProgress));
    } finally {
      setUploadProgress(null);
    }
  });

  const changeChoices = (change: () => void) => {
    change();
    setStale(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void check.run();
  };
  const findings = blocking ?? preview?.findings ?? [];

  return (
    <form className="stack" aria-labelledby="import-heading" onSubmit={submit} noValidate>
      <h3 id="import-heading">Import a new snapshot</h3>
      <fieldset>
        <legend>Source</legend>
        {(
          [
            ['directory', 'Folder on the server'],
            ['git', 'Git repository'],
            ['archive', 'Archive upload (.zip, .tar.gz)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="choice inline">
            <input
              type="radio"
              name="source-kind"
              checked={kind === value}
              onChange={() => {
                setKind(value);
                resetResults();
              }}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      {kind === 'directory' && (
        <Field
          label="Folder path on the server"
          name="directory"
          error={check.fields['source.path'] ?? exportSnapshot.fields['source.path']}
          hint="An absolute path. Interviewers import from the import folders (TASK_IMPORT_ROOT); admins from anywhere."
        >
          {(control) => (
            <input
              {...control}
              className="mono"
              value={directory}
              onChange={(e) => {
                setDirectory(e.target.value);
                resetResults();
              }}
            />
          )}
        </Field>
      )}
      {kind === 'git' && (
        <div className="form-row">
          <Field
            label="Repository URL"
            name="gitUrl"
            hint="https://, ssh://, git@host:path or a path on the server."
          >
            {(control) => (
              <input
                {...control}
                className="mono"
                value={gitUrl}
                onChange={(e) => {
                  setGitUrl(e.target.value);
                  resetResults();
                }}
              />
            )}
          </Field>
          <Field label="Branch, tag or commit" name="gitRef" hint="Empty: the default branch.">
            {(control) => (
              <input
                {...control}
                className="mono"
                value={gitRef}
                onChange={(e) => {
                  setGitRef(e.target.value);
                  resetResults();
                }}
              />
            )}
          </Field>
        </div>
      )}
      {kind === 'archive' && (
        <div className="stack">
          <Field label="Archive" name="archive" hint="A .zip or .tar.gz of the task's folder.">
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".zip,.tar.gz,.tgz,application/zip,application/gzip"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  resetResults();
                  if (file) void sendArchive.run(file);
                }}
              />
            )}
          </Field>
          {uploadProgress !== null && (
            <p>
              <label>
                Uploading… <progress max={1} value={uploadProgress} aria-label="Upload progress" />{' '}
                {Math.round(uploadProgress * 100)} %
              </label>
            </p>
          )}
          {upload && (
            <p role="status" className="success">
              Uploaded {upload.name} ({formatBytes(upload.bytes)}).
            </p>
          )}
          <ErrorMessage error={sendArchive.error} />
        </div>
      )}

      <div className="button-row">
        <button type="submit" className="secondary" disabled={check.busy || sendArchive.busy}>
          {preview || blocking ? 'Check again' : 'Check for secrets'}
        </button>
        <button
          type="button"
          disabled={exportSnapshot.busy || sendArchive.busy}
          onClick={() => void exportSnapshot.run()}
        >
          {exportSnapshot.busy ? 'Exporting…' : 'Export snapshot'}
        </button>
        {(check.busy || exportSnapshot.busy) && (
          <span className="muted" aria-live="polite">
            Reading the files and scanning them for secrets…
          </span>
        )}
      </div>
      <ErrorMessage error={check.error} />
      <ErrorMessage error={exportSnapshot.error} />

      {excluded.length > 0 && (
        <div>
          <h4>Left out by you</h4>
          <ul className="chip-list">
            {excluded.map((path) => (
              <li key={path}>
                <span className="mono">{path}</span>{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => changeChoices(() => setExcluded((list) => list.filter((p) => p !== path)))}
                >
                  Include {path} again
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && (
        <section aria-label="Preview of the export" className="stack">
          <p role="status" className={preview.blockingCount === 0 ? 'success' : 'notice'}>
            {preview.fileCount} files, {formatBytes(preview.totalBytes)}.{' '}
            {preview.blockingCount === 0
              ? 'No secret blocks the export.'
              : `${preview.blockingCount} possible secret${preview.blockingCount === 1 ? '' : 's'} block${preview.blockingCount === 1 ? 's' : ''} the export.`}
          </p>
          {preview.dropped.length > 0 && (
            <details>
              <summary>Left out of the export ({preview.dropped.length})</summary>
              <ul>
                {preview.dropped.map((dropped) => (
                  <li key={dropped.path}>
                    <span className="mono">{dropped.path}</span>{' '}
                    <span className="muted">({droppedReasons[dropped.reason]})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <details>
            <summary>Files the candidate will get ({preview.fileCount})</summary>
            <FileTree files={preview.tree} label="Files of the preview" />
          </details>
        </section>
      )}
      {findings.length > 0 && (
        <FindingsTable
          findings={findings}
          excluded={excluded}
          acknowledged={acknowledged}
          onExclude={(path) => changeChoices(() => setExcluded((list) => [...new Set([...list, path])]))}
          onAcknowledge={(finding, reason) =>
            changeChoices(() =>
              setAcknowledged(({ [findingKey(finding)]: _, ...rest }) =>
                reason === null
                  ? rest
                  : {
                      ...rest,
                      [findingKey(finding)]: {
                        path: finding.path,
                        line: finding.line,
                        ruleId: finding.ruleId,
                        reason,
                      },
                    },
              ),
            )
          }
        />
      )}
      {stale && (
        <p className="notice" role="status">
          Your choices changed since the last check: check again, or export straight away.
        </p>
      )}
    </form>
  );
}
