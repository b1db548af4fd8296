import { type ChildProcess, spawn } from 'node:child_process';
import { gitEnvironment } from './git-command.ts';
import { DELIM, FLUSH, pktLines, readVisibleBranches } from './ls-refs.ts';
import { FLUSH_PKT } from './pkt-line.ts';

/**
 * The packs of fresh clones, kept in memory and served again without running `git upload-pack`
 * and `git pack-objects`. Every interview's repository starts from its task's snapshot commit,
 * so the candidates of one task clone the same commit, and the same objects answer them: git's
 * own `uploadpack.packObjectsHook` exists for caching this output, and hosting services cache it
 * the same way.
 *
 * Only a request whose answer depends on nothing but the objects its wants reach is answered from
 * here: no `have` (the acknowledgements would depend on the repository), no shallow or deepen
 * lines, no filter, no unknown argument. Object ids name their content, so the same wants reach
 * the same objects in any repository that has them. Whether this repository has them is the
 * caller's check before every hit: each want must be the tip of one of its visible branches,
 * read from its files, and it must hold no tag (`include-tag` would otherwise add its tags).
 * Credentials and the window are checked before any of this, as for every request.
 *
 * What is kept is the answer without progress messages (`packfile`, the pack on side band 1, a
 * flush), keyed by the wants and the one argument that changes the pack's bytes (`ofs-delta`):
 * a client asking for progress, or for a thin pack, gets the same answer (progress is advisory,
 * and a pack for a client without `have`s has nothing to be thin against). So one pack serves
 * every git version and `--quiet` or not, and it can be made before anyone asks (`prepare`, when
 * a repository is created), off the clone's path.
 */

// What git 2.39 sends for `git clone`, with or without --quiet (no-progress).
const CACHEABLE_ARGUMENT = /^(done|thin-pack|no-progress|include-tag|ofs-delta)$/;
const KNOWN_CAPABILITY = /^(agent=[\x21-\x7e]+|object-format=sha1)$/;
const WANT = /^want ([0-9a-f]{40})$/;
const MAX_REQUEST = 64 * 1024;
/** Side band data a packet holds: 65520 bytes, less the length and the band byte. */
const BAND_DATA = 65515;
const PACKFILE = Buffer.from('000dpackfile\n');

export interface CacheableFetch {
  key: string;
  wants: string[];
}

/** The key of a clone's pack: its wants, and whether deltas name their base by offset. */
export function packKey(wants: readonly string[], ofsDelta: boolean): string {
  return `${ofsDelta ? 'ofs-delta' : 'ref-delta'} ${[...new Set(wants)].sort().join(' ')}`;
}

/** The request's key and wants when its answer may be kept; null otherwise. */
export function cacheableFetch(body: Buffer): CacheableFetch | null {
  if (body.length > MAX_REQUEST) return null;
  const lines = pktLines(body);
  if (lines?.[0] !== 'command=fetch') return null;
  let index = 1;
  for (; index < lines.length && lines[index] !== DELIM; index++) {
    if (!KNOWN_CAPABILITY.test(lines[index]!)) return null;
  }
  const wants: string[] = [];
  let done = false;
  let ofsDelta = false;
  for (index++; index < lines.length && lines[index] !== FLUSH; index++) {
    const line = lines[index]!;
    const want = WANT.exec(line)?.[1];
    if (want) wants.push(want);
    else if (line === 'done') done = true;
    else if (!CACHEABLE_ARGUMENT.test(line)) return null;
    else if (line === 'ofs-delta') ofsDelta = true;
  }
  if (!done || wants.length === 0 || lines[index] !== FLUSH || index !== lines.length - 1) return null;
  return { key: packKey(wants, ofsDelta), wants };
}

/** The protocol v2 answer that carries this pack: `packfile`, the pack on side band 1, a flush. */
export function packfileAnswer(pack: Buffer): Buffer {
  const parts: Buffer[] = [PACKFILE];
  for (let at = 0; at < pack.length; at += BAND_DATA) {
    const data = pack.subarray(at, at + BAND_DATA);
    const header = Buffer.from(`${(data.length + 5).toString(16).padStart(4, '0')}\u0001`, 'latin1');
    parts.push(header, data);
  }
  parts.push(FLUSH_PKT);
  return Buffer.concat(parts);
}

/**
 * The pack in upload-pack's answer to a fresh clone, without its progress messages; null for any
 * other answer (acknowledgements or shallow lines first, an error on band 3, a truncated answer).
 */
export function packOfAnswer(answer: Buffer): Buffer | null {
  if (!answer.subarray(0, PACKFILE.length).equals(PACKFILE)) return null;
  const data: Buffer[] = [];
  let at = PACKFILE.length;
  while (at + 4 <= answer.length) {
    const length = Number.parseInt(answer.toString('latin1', at, at + 4), 16);
    if (!Number.isInteger(length)) return null;
    if (length === 0) return at + 4 === answer.length && data.length > 0 ? Buffer.concat(data) : null;
    if (length < 5 || at + length > answer.length) return null;
    const band = answer[at + 4];
    if (band === 1) data.push(answer.subarray(at + 5, at + length));
    else if (band !== 2) return null;
    at += length;
  }
  return null;
}

export class ClonePackCache {
  private readonly answers = new Map<string, Buffer>();
  private size = 0;
  /** Packs being made by `prepare`, by key: at most one git process per pack. */
  private readonly preparing = new Map<string, { child: ChildProcess; done: Promise<void> }>();
  private closed = false;
  private readonly waiting: Array<() => void> = [];

  constructor(
    /** Above this an answer is sent but not kept: a large task's clone is not the fixed cost. */
    readonly maxAnswerBytes = 8 * 1024 * 1024,
    readonly maxTotalBytes = 64 * 1024 * 1024,
    /**
     * Packs made at once by `prepare`: beyond it (many plannings at once, each of a new snapshot)
     * a repository's pack is not made ahead, and its first clone runs git as it would without.
     */
    readonly maxPreparing = 2,
  ) {}

  get(key: string): Buffer | undefined {
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    // Most recently used last, so the oldest is dropped first.
    this.answers.delete(key);
    this.answers.set(key, answer);
    return answer;
  }

  /** Keeps the answer that carries this pack (see packfileAnswer). */
  set(key: string, pack: Buffer): void {
    if (pack.length > this.maxAnswerBytes) return;
    const answer = packfileAnswer(pack);
    const previous = this.answers.get(key);
    if (previous) {
      this.size -= previous.length;
      this.answers.delete(key);
    }
    this.answers.set(key, answer);
    this.size += answer.length;
    for (const [oldest, kept] of this.answers) {
      if (this.size <= this.maxTotalBytes) break;
      this.answers.delete(oldest);
      this.size -= kept.length;
    }
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Resolves when the next pack is kept: tests wait for that rather than for time. */
  nextKept(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Makes the pack a fresh clone of this repository will ask for, in the background, unless it is
   * kept already: the first clone of a task's snapshot then runs no git process either. One
   * `git pack-objects` (what upload-pack would start, without upload-pack around it), bounded
   * like a kept answer; a failure only means the first clone runs git as before.
   */
  prepare(gitDir: string, hiddenRefs: readonly string[]): void {
    if (this.closed || this.preparing.size >= this.maxPreparing) return;
    const branches = readVisibleBranches(gitDir, hiddenRefs);
    if (!branches || branches.refs.size === 0) return;
    const tips = [...new Set(branches.refs.values())];
    const key = packKey(tips, true);
    if (this.answers.has(key) || this.preparing.has(key)) return;
    const child = spawn('git', ['pack-objects', '--revs', '--stdout', '--delta-base-offset', '-q'], {
      cwd: gitDir,
      env: gitEnvironment({ GIT_DIR: gitDir }),
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    child.stdin!.on('error', () => {});
    child.stdin!.end(`${tips.join('\n')}\n`);
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= this.maxAnswerBytes) chunks.push(chunk);
      else child.kill('SIGKILL');
    });
    const done = new Promise<void>((resolve) => {
      child.on('error', () => resolve());
      child.on('close', (code) => {
        if (code === 0 && size <= this.maxAnswerBytes && !this.closed) this.set(key, Buffer.concat(chunks));
        resolve();
      });
    }).finally(() => this.preparing.delete(key));
    this.preparing.set(key, { child, done });
  }

  /** Stops what `prepare` still runs, so no git process outlives the server. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { child } of this.preparing.values()) {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    }
    await Promise.all([...this.preparing.values()].map(({ done }) => done));
  }

  /** Resolves once nothing is being prepared (tests and benches wait for it). */
  async prepared(): Promise<void> {
    await Promise.all([...this.preparing.values()].map(({ done }) => done));
  }
}
