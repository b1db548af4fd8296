import { DELIM, FLUSH, pktLines } from './ls-refs.ts';

/**
 * Protocol v2 fetch answers of fresh clones, kept in memory and served again without running
 * `git upload-pack` and `git pack-objects`. Every interview's repository starts from its task's
 * snapshot commit, so the candidates of one task make the same clone request for the same
 * commit, and git answers it with the same objects: git's own `uploadpack.packObjectsHook`
 * exists for caching this output, and hosting services cache it the same way.
 *
 * Only a request whose answer depends on nothing but its own bytes and the objects its wants
 * reach is kept: no `have` (the acknowledgements would depend on the repository), no shallow
 * or deepen lines, no filter, no unknown argument. Object ids name their content, so the same
 * wants reach the same objects in any repository that has them. Whether this repository has
 * them is the caller's check before every hit: each want must be the tip of one of its visible
 * branches, read from its files, and it must hold no tag (`include-tag` would otherwise add
 * its tags). Credentials and the window are checked before any of this, as for every request.
 */

// What a 2.39 client sends for `git clone`, with or without --quiet (no-progress).
const CACHEABLE_ARGUMENT = /^(done|thin-pack|no-progress|include-tag|ofs-delta)$/;
const KNOWN_CAPABILITY = /^(agent=[\x21-\x7e]+|object-format=sha1)$/;
const WANT = /^want ([0-9a-f]{40})$/;
const MAX_REQUEST = 64 * 1024;

export interface CacheableFetch {
  key: string;
  wants: string[];
}

/** The request's key (its lines but the agent) and wants when its answer may be kept; null otherwise. */
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
  for (index++; index < lines.length && lines[index] !== FLUSH; index++) {
    const line = lines[index]!;
    const want = WANT.exec(line)?.[1];
    if (want) wants.push(want);
    else if (line === 'done') done = true;
    else if (!CACHEABLE_ARGUMENT.test(line)) return null;
  }
  if (!done || wants.length === 0 || lines[index] !== FLUSH || index !== lines.length - 1) return null;
  // The client's agent only names its version: upload-pack answers the same whatever it says, so
  // candidates with different git versions share the kept pack.
  const key = lines.filter((line) => !line.startsWith('agent=')).join('\n');
  return { key, wants };
}

export class ClonePackCache {
  private readonly answers = new Map<string, Buffer>();
  private size = 0;

  constructor(
    /** Above this an answer is sent but not kept: a large task's clone is not the fixed cost. */
    readonly maxAnswerBytes = 8 * 1024 * 1024,
    readonly maxTotalBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string): Buffer | undefined {
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    // Most recently used last, so the oldest is dropped first.
    this.answers.delete(key);
    this.answers.set(key, answer);
    return answer;
  }

  set(key: string, answer: Buffer): void {
    if (answer.length > this.maxAnswerBytes) return;
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
  }
}
