import { spawn } from 'node:child_process';

/**
 * Runs the real `git` binary with an argument vector (never a shell string), streamed stdin
 * and a timeout, which platform/git's runGit does not offer (fast-import input, clones of
 * remote sources). Prompts are disabled: a server process has nobody to answer them.
 */

export type GitOptions = {
  cwd?: string;
  /** Written to stdin; an async iterable streams large inputs (fast-import) without buffering. */
  input?: Buffer | string | AsyncIterable<Buffer | string>;
  env?: Record<string, string>;
  timeoutMs?: number;
};

export type GitResult = { stdout: Buffer; stderr: string };

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly timedOut: boolean,
  ) {
    super(
      timedOut
        ? `git ${args[0]} timed out`
        : `git ${args[0]} failed (exit ${exitCode}): ${summarise(stderr)}`,
    );
    this.name = 'GitCommandError';
  }

  /** git's own reason in one line, e.g. "Remote branch nope not found in upstream origin". */
  get reason(): string {
    return this.timedOut ? 'timed out' : summarise(this.stderr);
  }
}

export const gitBaseEnv: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  // ext:: and fd:: would run arbitrary commands; only plain transports are allowed.
  GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
};

// Not the whole server environment: it holds secrets, and an inherited GIT_DIR would redirect commands.
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = { LC_ALL: 'C' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SSH_AUTH_SOCK', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function runGit(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...inheritedEnv(), ...gitBaseEnv, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      // Keep the tail only: a clone's progress output can be long.
      stderr = (stderr + chunk.toString('utf8')).slice(-16_384);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && !timedOut) resolve({ stdout: Buffer.concat(stdout), stderr });
      else reject(new GitCommandError(args, code, stderr, timedOut));
    });
    // A failing git may close stdin early; its exit code tells the story, not EPIPE.
    child.stdin.on('error', () => {});
    void writeInput(child.stdin, options.input);
  });
}

async function writeInput(stdin: NodeJS.WritableStream, input: GitOptions['input']): Promise<void> {
  try {
    if (input === undefined) return;
    if (typeof input === 'string' || Buffer.isBuffer(input)) {
      stdin.write(input);
      return;
    }
    for await (const chunk of input) {
      if (!stdin.write(chunk)) {
        await new Promise((resolve) => {
          stdin.once('drain', resolve);
          stdin.once('close', resolve);
        });
      }
    }
  } catch {
    // The process's exit code reports the failure.
  } finally {
    stdin.end();
  }
}

// git explains itself on the first fatal:/error: line; the lines after it are advice.
function summarise(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter(Boolean);
  const reason = lines.find((line) => /^(fatal|error):/.test(line)) ?? lines.at(-1) ?? 'no error output';
  return reason.replace(/^(fatal|error):\s*/, '').replace(/\.$/, '');
}

/** Removes user:password@ from a URL before it appears in a message or a log. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}
