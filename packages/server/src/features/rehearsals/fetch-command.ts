import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Runnable } from './rehearsal-step.ts';

/** Step 0: the task's source as a candidate would get it, a fresh clone or a copy without dependencies. */
export async function fetchCommand(
  source: string,
  commit: string | undefined,
): Promise<{ command: string; run: Runnable }> {
  if (await isPlainFolder(source)) {
    // A copy leaves out what a fresh checkout would not have.
    const excludes = notCopied.map((name) => `--exclude=${name}`).join(' ');
    const script = `mkdir work && tar -C "$PAIRWISE_SOURCE" ${excludes} -cf - . | tar -C work -xf -`;
    return {
      command: `copy ${source}`,
      run: { file: 'sh', args: ['-c', script], env: { PAIRWISE_SOURCE: source } },
    };
  }
  // Neither the command shown to people nor the clone's .git/config keeps credentials from the URL.
  const publicSource = source.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
  const checkout = commit ? ' && git -C work checkout --quiet --detach "$PAIRWISE_COMMIT"' : '';
  // The values travel as environment variables, so no shell string is built from them.
  const script = `git clone --quiet --no-hardlinks -- "$PAIRWISE_SOURCE" work && git -C work remote set-url origin "$PAIRWISE_PUBLIC_SOURCE"${checkout}`;
  return {
    command: `git clone ${publicSource}${commit ? ` @ ${commit}` : ''}`,
    run: {
      file: 'sh',
      args: ['-c', script],
      env: {
        PAIRWISE_SOURCE: source,
        PAIRWISE_PUBLIC_SOURCE: publicSource,
        GIT_TERMINAL_PROMPT: '0',
        ...(commit ? { PAIRWISE_COMMIT: commit } : {}),
      },
    },
  };
}

async function isPlainFolder(source: string): Promise<boolean> {
  if (!path.isAbsolute(source)) return false;
  const kind = (p: string) =>
    stat(p).then(
      (s) => (s.isDirectory() ? 'dir' : 'file'),
      () => undefined,
    );
  if ((await kind(source)) !== 'dir') return false;
  const bare =
    (await kind(path.join(source, 'HEAD'))) === 'file' &&
    (await kind(path.join(source, 'objects'))) === 'dir';
  return !bare && (await kind(path.join(source, '.git'))) === undefined;
}

const notCopied = ['.git', 'node_modules', '.venv', 'venv', 'target', 'dist', 'build', 'coverage', '.next'];
