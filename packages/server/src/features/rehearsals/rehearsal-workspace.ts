import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The rehearsal's temporary folder (work/, home/, tmp/) and the environment pointing into it,
 * so a rehearsal starts from nothing and leaves nothing behind (docs/decisions/010).
 */

/** Only what a build needs; nothing of the server's environment (database URLs, SMTP passwords). */
export function cleanEnvironment(temp: string): Record<string, string> {
  const nodeDir = path.dirname(process.execPath);
  const basePath = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  return {
    PATH: basePath.split(path.delimiter).includes(nodeDir)
      ? basePath
      : `${basePath}${path.delimiter}${nodeDir}`,
    HOME: path.join(temp, 'home'),
    TMPDIR: path.join(temp, 'tmp'),
    LANG: process.env.LANG ?? 'C.UTF-8',
    TERM: 'dumb',
    CI: 'true',
  };
}

export async function removeTree(dir: string): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // Some tools (Go's module cache) leave read-only folders behind.
    await new Promise((resolve) =>
      spawn('chmod', ['-R', 'u+w', dir], { stdio: 'ignore' }).on('close', resolve),
    );
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
