import { spawn } from 'node:child_process';

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim().slice(0, 500)}`);
    this.name = 'GitCommandError';
  }
}

/**
 * The server's own environment may hold secrets (database URLs, SMTP passwords) and GIT_*
 * variables from whoever started it (a GIT_DIR inherited from a hook would silently redirect
 * every command). Git and the hooks it runs get only what they need.
 */
export function gitEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Configuration passed through the environment reaches every git process http-backend starts. */
export function configEnvironment(config: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(config);
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}

export interface RunGitOptions {
  /** Runs against this repository via --git-dir, so a missing repository never falls back to a parent one. */
  gitDir?: string;
  cwd?: string;
  input?: string | Buffer;
  /** Above this, the output is cut off and `truncated` set (the process is stopped). */
  maxOutputBytes?: number;
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 from `rev-parse --verify --quiet`). */
  okExitCodes?: readonly number[];
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
  truncated: boolean;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;

export function runGit(args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  const fullArgs = options.gitDir ? [`--git-dir=${options.gitDir}`, ...args] : [...args];
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawn('git', fullArgs, {
      cwd: options.cwd,
      env: gitEnvironment(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (size + chunk.length > maxOutput) {
        chunks.push(chunk.subarray(0, maxOutput - size));
        size = maxOutput;
        truncated = true;
        child.kill('SIGTERM');
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(chunks);
      if (truncated) return resolve({ stdout, stderr, exitCode: code ?? -1, truncated });
      if (code !== null && okExitCodes.includes(code)) {
        return resolve({ stdout, stderr, exitCode: code, truncated });
      }
      reject(new GitCommandError(fullArgs, code, stderr));
    });
    // A command that exits before reading its input must not crash the server with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
