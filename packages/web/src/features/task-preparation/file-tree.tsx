import { formatBytes, type SnapshotFile } from '@pairwise/domain';
import './task-preparation.css';

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  files: Array<{ name: string; size: number }>;
  size: number;
}

function buildTree(files: SnapshotFile[]): Folder {
  const root: Folder = { name: '', folders: new Map(), files: [], size: 0 };
  for (const file of files) {
    const parts = file.path.split('/');
    const name = parts.pop()!;
    let folder = root;
    folder.size += file.size;
    for (const part of parts) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { name: part, folders: new Map(), files: [], size: 0 };
        folder.folders.set(part, next);
      }
      next.size += file.size;
      folder = next;
    }
    folder.files.push({ name, size: file.size });
  }
  return root;
}

/** The files of a snapshot as folders and files, with sizes, as the candidate will see them. */
export function FileTree({ files, label }: { files: SnapshotFile[]; label: string }) {
  const root = buildTree(files);
  return (
    <div className="file-tree" title={label}>
      <FolderContents folder={root} />
    </div>
  );
}

function FolderContents({ folder }: { folder: Folder }) {
  return (
    <ul>
      {[...folder.folders.values()].map((child) => (
        <li key={`${child.name}/`}>
          <span className="file-tree-folder">{child.name}/</span>{' '}
          <span className="muted">{formatBytes(child.size)}</span>
          <FolderContents folder={child} />
        </li>
      ))}
      {folder.files.map((file) => (
        <li key={file.name}>
          <span className="mono">{file.name}</span> <span className="muted">{formatBytes(file.size)}</span>
        </li>
      ))}
    </ul>
  );
}
