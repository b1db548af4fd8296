import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FLUSH_PKT, pktLine } from './pkt-line.ts';

/**
 * Protocol v2's `ls-refs`, answered from the repository's files instead of by a `git upload-pack`
 * process, for the repositories Pairwise makes: HEAD names a branch, and every ref the client may
 * see is a branch (a candidate's push of a tag, a note or anything else sends the request to git
 * again). Branches point at commits (git refuses anything else there), so peeling them is a
 * no-op and no object has to be read. Anything this does not recognise, in the request or on
 * disk, answers null and git answers instead: the shortcut never has to be right about the
 * unusual case, only about the common one.
 */

export interface LsRefsRequest {
  symrefs: boolean;
  unborn: boolean;
  prefixes: string[];
}

const OID = /^[0-9a-f]{40}$/;
const BRANCH_HEAD = /^ref: (refs\/heads\/[^\s]+)\n?$/;
// What a git client sends before the delimiter besides the command.
const KNOWN_CAPABILITY = /^(agent=[\x21-\x7e]+|session-id=[\x21-\x7e]+|object-format=sha1)$/;

/** The request, when it is an ls-refs this module answers; null for everything else (a fetch). */
export function parseLsRefsRequest(body: Buffer): LsRefsRequest | null {
  const lines = pktLines(body);
  if (lines?.[0] !== 'command=ls-refs') return null;
  const request: LsRefsRequest = { symrefs: false, unborn: false, prefixes: [] };
  let index = 1;
  for (; index < lines.length && lines[index] !== DELIM && lines[index] !== FLUSH; index++) {
    if (!KNOWN_CAPABILITY.test(lines[index]!)) return null;
  }
  if (lines[index] === DELIM) {
    for (index++; index < lines.length && lines[index] !== FLUSH; index++) {
      const line = lines[index]!;
      if (line === 'symrefs') request.symrefs = true;
      else if (line === 'unborn') request.unborn = true;
      // Branches point at commits: there is never a tag to peel.
      else if (line === 'peel') continue;
      else if (line.startsWith('ref-prefix ') && line.length > 11) request.prefixes.push(line.slice(11));
      else return null;
    }
  }
  // The request ends with its flush and nothing after it.
  if (lines[index] !== FLUSH || index !== lines.length - 1) return null;
  return request;
}

/**
 * The answer upload-pack would give, or null when the repository holds something this module
 * leaves to git. `hidden` are transfer.hideRefs prefixes.
 */
export function answerLsRefs(
  gitDir: string,
  request: LsRefsRequest,
  hidden: readonly string[],
): Buffer | null {
  const read = readVisibleBranches(gitDir, hidden);
  if (!read) return null;
  const { target, refs } = read;
  const wanted = (name: string) =>
    request.prefixes.length === 0 || request.prefixes.some((prefix) => name.startsWith(prefix));
  const lines: Buffer[] = [];
  if (wanted('HEAD')) {
    const symref = request.symrefs ? ` symref-target:${target}` : '';
    const oid = refs.get(target);
    if (oid) lines.push(pktLine(`${oid} HEAD${symref}\n`));
    else if (request.unborn) lines.push(pktLine(`unborn HEAD${symref}\n`));
  }
  for (const [name, oid] of refs) if (wanted(name)) lines.push(pktLine(`${oid} ${name}\n`));
  lines.push(FLUSH_PKT);
  return Buffer.concat(lines);
}

export interface VisibleBranches {
  /** The branch HEAD names (it may not exist yet). */
  target: string;
  /** Every ref a client may see, in git's order; all of them branches. */
  refs: Map<string, string>;
}

/** The refs a client sees, when HEAD names a branch and every visible ref is one; else null. */
export function readVisibleBranches(gitDir: string, hidden: readonly string[]): VisibleBranches | null {
  // Synchronous on purpose: a handful of files of a few bytes each, where the promise API's
  // round trips through the thread pool (open, stat, read, close per file) cost the server
  // several times the CPU of the reads themselves, on every request of every clone.
  let head: string;
  try {
    head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8');
  } catch {
    return null;
  }
  const target = BRANCH_HEAD.exec(head)?.[1];
  if (!target) return null;
  // Loose refs first, packed-refs second: `git pack-refs` writes packed-refs before it removes
  // the loose files, so a ref being packed meanwhile is found in one or the other.
  const loose = readLooseRefs(gitDir);
  const packed = loose && readPackedRefs(gitDir);
  if (!loose || !packed) return null;
  const visible: Array<[string, string]> = [];
  for (const [name, oid] of new Map([...packed, ...loose])) {
    if (hidden.some((prefix) => name === prefix || name.startsWith(`${prefix}/`))) continue;
    if (!name.startsWith('refs/heads/')) return null;
    visible.push([name, oid]);
  }
  visible.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { target, refs: new Map(visible) };
}

/** Every loose ref under refs/, or null when one is not a plain object id (a symbolic ref). */
function readLooseRefs(gitDir: string): Map<string, string> | null {
  const refs = new Map<string, string>();
  let entries: string[];
  try {
    entries = readdirSync(path.join(gitDir, 'refs'), { recursive: true, encoding: 'utf8' });
  } catch {
    return null;
  }
  for (const entry of entries) {
    let content: string;
    try {
      content = readFileSync(path.join(gitDir, 'refs', entry), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A directory, or a ref removed since the listing (packed, or a lock file gone).
      if (code === 'EISDIR' || code === 'ENOENT') continue;
      return null;
    }
    const name = `refs/${entry.split(path.sep).join('/')}`;
    // A ref being written right now: git's own lock file, never a ref.
    if (name.endsWith('.lock')) continue;
    const oid = content.trim();
    if (!OID.test(oid)) return null;
    refs.set(name, oid);
  }
  return refs;
}

function readPackedRefs(gitDir: string): Map<string, string> | null {
  const refs = new Map<string, string>();
  let content: string;
  try {
    content = readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? refs : null;
  }
  for (const line of content.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    const oid = line.slice(0, space);
    if (space < 0 || !OID.test(oid)) return null;
    refs.set(line.slice(space + 1), oid);
  }
  return refs;
}

/** How pktLines() writes a flush and a delimiter packet, which no text line can equal. */
export const FLUSH = '\u0000flush';
export const DELIM = '\u0000delim';

/** A whole request's pkt-lines (newlines dropped), or null when it is not well-formed. */
export function pktLines(data: Buffer): string[] | null {
  const lines: string[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (offset + 4 > data.length) return null;
    const hex = data.subarray(offset, offset + 4).toString('latin1');
    if (!/^[0-9a-f]{4}$/.test(hex)) return null;
    const length = Number.parseInt(hex, 16);
    if (length === 2 || length === 3) return null;
    if (length === 0 || length === 1) {
      lines.push(length === 0 ? FLUSH : DELIM);
      offset += 4;
      continue;
    }
    if (offset + length > data.length) return null;
    lines.push(
      data
        .subarray(offset + 4, offset + length)
        .toString('utf8')
        .replace(/\n$/, ''),
    );
    offset += length;
  }
  return lines;
}
