import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AddressCheck, EgressProxy, type EgressRule, FORWARDER_SOURCE } from './egress-proxy.ts';
import type { Runnable } from './rehearsal-step.ts';

/**
 * The boundary around a server rehearsal's steps (docs/decisions/014): each step runs in a fresh
 * bubblewrap sandbox with new user, PID, mount, network, IPC and UTS namespaces. Inside there is a
 * read-only system (/usr and a few files of /etc), the rehearsal's own folders read-write, an
 * environment built from nothing, an unprivileged user, and resource limits set with prlimit.
 * The server's data folder, database, keys, other tasks and processes are simply not there.
 * Node built-ins only, like the runner it wraps.
 */

export interface SandboxLimits {
  /** Address space for a process's data (RLIMIT_DATA), in MiB. */
  memoryMib: number;
  /** Processes and threads of the sandbox user at once (RLIMIT_NPROC). */
  processes: number;
  /** Size of the rehearsal's folders (work, home, tmp), in MiB; also the largest single file. */
  diskMib: number;
}

/** Where a step sees its folders; the host's paths never show inside. */
export const SANDBOX_ROOT = '/rehearsal';
/** Where the egress proxy's socket and the forwarder appear inside, and the port it is offered on. */
const EGRESS_DIR = '/run/pairwise';
const EGRESS_PORT = 3128;
/** Unprivileged user and group the step runs as, inside and (when the server is root) outside. */
const NOBODY = 65_534;
/** Size of the sandbox's /dev/shm. */
const SHM_MIB = 64;
/** Files of /etc that programs need to start, resolve names and verify TLS; nothing else of /etc. */
const ETC_READ_ONLY = [
  '/etc/alternatives',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/nsswitch.conf',
  '/etc/localtime',
  '/etc/mime.types',
];
const TOP_LEVEL_SYSTEM = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

export class SandboxUnavailable extends Error {}

export interface SandboxOptions {
  /** Hosts a step may reach through the egress proxy; none: no network at all. */
  egress?: readonly EgressRule[];
  /** Which resolved addresses the proxy refuses; loopback, private and reserved ones by default. */
  egressRefuses?: AddressCheck;
  /** Where rehearsal folders go (the OS temp folder by default); the sandbox's user must reach it. */
  tempDir?: string;
}

export class RehearsalSandbox {
  private constructor(
    private readonly bwrap: string,
    private readonly prlimit: string,
    private readonly systemArgs: readonly string[],
    readonly limits: SandboxLimits,
    /** The host user a step runs as: nobody when the server is root, else the server's own user. */
    readonly hostUser: { uid: number; gid: number } | null,
    private readonly options: SandboxOptions,
  ) {}

  get egressHosts(): readonly EgressRule[] {
    return this.options.egress ?? [];
  }

  /**
   * Finds bubblewrap and prlimit and starts one sandbox to prove it works here (unprivileged
   * user namespaces can be disabled by the kernel or a container runtime).
   */
  static async create(
    limits: SandboxLimits,
    options: SandboxOptions = {},
    searchPath = process.env.PATH ?? '',
  ): Promise<RehearsalSandbox> {
    const [bwrap, prlimit] = await Promise.all([
      findProgram('bwrap', searchPath, "bubblewrap's bwrap (Debian: apt-get install bubblewrap)"),
      findProgram('prlimit', searchPath, 'prlimit (util-linux)'),
    ]);
    const hostUser = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : null;
    const sandbox = new RehearsalSandbox(bwrap, prlimit, await systemBinds(), limits, hostUser, options);
    await sandbox.probe(options.tempDir ?? tmpdir());
    return sandbox;
  }

  /**
   * Prepares a rehearsal's folder for sandboxed steps: the files a step sees as /etc/passwd,
   * /etc/group and /etc/hosts, ownership by the sandbox's host user, and the egress proxy if
   * hosts are listed. Returns what ends the proxy when the rehearsal is over.
   */
  async prepare(temp: string): Promise<() => Promise<void>> {
    const etc = path.join(temp, 'etc');
    await mkdir(etc, { recursive: true });
    await mkdir(path.join(temp, 'egress'));
    let proxy: EgressProxy | undefined;
    if (this.egressHosts.length > 0) {
      await writeFile(path.join(temp, 'egress', 'forwarder.cjs'), FORWARDER_SOURCE);
      proxy = new EgressProxy(this.egressHosts, this.options.egressRefuses);
      await proxy.listen(path.join(temp, 'egress', 'proxy.sock'));
    }
    await Promise.all([
      writeFile(
        path.join(etc, 'passwd'),
        `rehearsal:x:${NOBODY}:${NOBODY}:Pairwise rehearsal:${SANDBOX_ROOT}/home:/bin/sh\n`,
      ),
      writeFile(path.join(etc, 'group'), `rehearsal:x:${NOBODY}:\n`),
      writeFile(path.join(etc, 'hosts'), '127.0.0.1 localhost\n::1 localhost ip6-localhost\n'),
    ]);
    if (this.hostUser) await chownTree(temp, this.hostUser.uid, this.hostUser.gid);
    return async () => {
      await proxy?.close();
    };
  }

  /**
   * The step as a command line: prlimit sets the limits, bwrap builds the sandbox, `sh -c` runs
   * the author's command in it. `temp` holds work/, home/, tmp/ and etc/ (see prepare).
   * The returned environment is empty on purpose: the sandbox's PID 1 is a copy of bwrap, and
   * its /proc/1/environ would show whatever bwrap was started with.
   */
  wrap(command: string, temp: string, env: Record<string, string>, timeoutMs: number): Runnable {
    const bytes = (mib: number) => String(mib * 1024 * 1024);
    const cpuSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const egress = this.egressHosts.length > 0;
    const proxyUrl = `http://127.0.0.1:${EGRESS_PORT}`;
    const proxyEnv = egress
      ? {
          HTTPS_PROXY: proxyUrl,
          https_proxy: proxyUrl,
          HTTP_PROXY: proxyUrl,
          http_proxy: proxyUrl,
          NO_PROXY: 'localhost,127.0.0.1,::1',
          no_proxy: 'localhost,127.0.0.1,::1',
        }
      : {};
    const environment = Object.entries({ ...env, ...proxyEnv }).flatMap(([name, value]) => [
      '--setenv',
      name,
      value,
    ]);
    const inside = (name: string) => `${SANDBOX_ROOT}/${name}`;
    return {
      file: this.prlimit,
      args: [
        `--nproc=${this.limits.processes}`,
        `--data=${bytes(this.limits.memoryMib)}`,
        `--fsize=${bytes(this.limits.diskMib)}`,
        `--cpu=${cpuSeconds}`,
        '--core=0',
        '--',
        this.bwrap,
        ...this.baseArgs(),
        '--bind',
        path.join(temp, 'work'),
        inside('work'),
        '--bind',
        path.join(temp, 'home'),
        inside('home'),
        '--bind',
        path.join(temp, 'tmp'),
        '/tmp',
        '--ro-bind',
        path.join(temp, 'etc', 'passwd'),
        '/etc/passwd',
        '--ro-bind',
        path.join(temp, 'etc', 'group'),
        '/etc/group',
        '--ro-bind',
        path.join(temp, 'etc', 'hosts'),
        '/etc/hosts',
        ...(egress ? ['--ro-bind', path.join(temp, 'egress'), EGRESS_DIR] : []),
        '--remount-ro',
        '/',
        '--chdir',
        inside('work'),
        '--clearenv',
        ...environment,
        ...(egress
          ? [
              process.execPath,
              `${EGRESS_DIR}/forwarder.cjs`,
              `${EGRESS_DIR}/proxy.sock`,
              String(EGRESS_PORT),
              command,
            ]
          : ['/bin/sh', '-c', command]),
      ],
      env: {},
      replaceEnv: true,
      ...(this.hostUser ? { user: this.hostUser } : {}),
    };
  }

  /** The environment a step starts with: nothing of the server's, paths as seen inside. */
  environment(): Record<string, string> {
    const nodeDir = path.dirname(process.execPath);
    const system = ['/usr/local/bin', '/usr/bin', '/bin'];
    return {
      PATH: [...system, ...(system.includes(nodeDir) ? [] : [nodeDir])].join(':'),
      HOME: `${SANDBOX_ROOT}/home`,
      TMPDIR: '/tmp',
      LANG: 'C.UTF-8',
      TERM: 'dumb',
      CI: 'true',
      USER: 'rehearsal',
    };
  }

  private baseArgs(): string[] {
    return [
      '--unshare-all',
      // A new network namespace has only its own loopback: no route out, not even to the host.
      '--unshare-net',
      // No nested user namespaces: a step cannot make itself root of one to reach more of the kernel.
      '--unshare-user',
      '--disable-userns',
      '--die-with-parent',
      '--new-session',
      '--uid',
      String(NOBODY),
      '--gid',
      String(NOBODY),
      '--hostname',
      'rehearsal',
      ...this.systemArgs,
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--size',
      String(SHM_MIB * 1024 * 1024),
      '--tmpfs',
      '/dev/shm',
      '--remount-ro',
      '/dev',
      '--dir',
      SANDBOX_ROOT,
    ];
  }

  /**
   * One real step in a folder like a rehearsal's, so that what would fail at the first rehearsal
   * (no user namespaces, a temp folder the sandbox's user cannot reach) fails at start-up instead.
   */
  private async probe(tempDir: string): Promise<void> {
    const temp = await mkdtemp(path.join(tempDir, 'pairwise-sandbox-probe-'));
    try {
      await Promise.all(['work', 'home', 'tmp'].map((name) => mkdir(path.join(temp, name))));
      const release = await this.prepare(temp);
      const run = this.wrap('touch probe', temp, this.environment(), 10_000);
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(run.file, run.args, {
          env: {},
          cwd: temp,
          stdio: ['ignore', 'ignore', 'pipe'],
          ...(run.user ?? {}),
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          if (stderr.length < 2_000) stderr += chunk.toString('utf8');
        });
        child.on('error', (error) => resolve({ code: null, stderr: error.message }));
        child.on('close', (code) => resolve({ code, stderr }));
      }).finally(release);
      if (code !== 0) {
        throw new SandboxUnavailable(
          `bwrap could not start a sandbox (${stderr.trim() || `exit code ${code}`}); unprivileged user namespaces may be disabled, or ${tempDir} is not reachable for the sandbox's user`,
        );
      }
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
}

async function findProgram(name: string, searchPath: string, what: string): Promise<string> {
  // System folders first: a writable folder early on PATH must not choose the sandbox's binary.
  const folders = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', ...searchPath.split(':').filter(Boolean)];
  for (const folder of folders) {
    const candidate = path.join(folder, name);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    ) {
      return candidate;
    }
  }
  throw new SandboxUnavailable(`${what} is not installed`);
}

/** /usr read-only, the merged-/usr symlinks as symlinks, Node's own folder if it lives elsewhere. */
async function systemBinds(): Promise<string[]> {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const entry of TOP_LEVEL_SYSTEM) {
    const stats = await lstat(entry).catch(() => undefined);
    if (!stats) continue;
    if (stats.isSymbolicLink()) args.push('--symlink', await readlink(entry), entry);
    else if (stats.isDirectory()) args.push('--ro-bind', entry, entry);
  }
  for (const entry of ETC_READ_ONLY) args.push('--ro-bind-try', entry, entry);
  // Node installed under /opt or a version manager's folder: bind its prefix (bin/, lib/).
  const nodePrefix = path.dirname(path.dirname(process.execPath));
  if (!['/usr', '/'].includes(nodePrefix) && !nodePrefix.startsWith('/usr/')) {
    args.push('--ro-bind', nodePrefix, nodePrefix);
  }
  return args;
}

function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('chown', ['-R', `${uid}:${gid}`, dir], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`chown of the rehearsal folder failed (${code})`)),
    );
  });
}

/**
 * Bytes the files under `dir` occupy (allocated blocks, symlinks not followed), measured by du:
 * on the shared 2-core machine 10,000 files took 0.17 s with du and 2 s walked from Node.
 */
export function folderBytes(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('du', ['-s', '-x', '-B1', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    // du reports what it could read even when a file vanished mid-walk (exit code 1).
    child.on('close', () => {
      const bytes = Number.parseInt(output, 10);
      if (Number.isFinite(bytes)) resolve(bytes);
      else reject(new Error(`du could not measure ${dir}`));
    });
  });
}

/**
 * Resident memory of a process and all its descendants, in bytes: the sandbox's whole tree, as
 * bwrap (the step's process) is the ancestor of everything inside, orphans included (they are
 * re-parented to the sandbox's PID 1). RLIMIT_DATA bounds each process; this sum, checked while a
 * step runs, bounds the sandbox without the root-only cgroups a hard cap would need. Pages shared
 * between processes count once per process, so it errs on the side of stopping.
 */
export async function treeResidentBytes(rootPid: number): Promise<number> {
  let total = 0;
  const seen = new Set<number>();
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    // A process that exits mid-walk is simply no longer counted.
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    if (rss) total += Number(rss[1]) * 1024;
    const threads = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
    for (const thread of threads) {
      const children = await readFile(`/proc/${pid}/task/${thread}/children`, 'utf8').catch(() => '');
      for (const child of children.split(' ')) if (child.trim()) queue.push(Number(child));
    }
  }
  return total;
}
