import { type ChildProcess, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ClonePackCache, cacheableFetch, packOfAnswer } from './clone-pack-cache.ts';
import { configEnvironment, gitEnvironment } from './git-command.ts';
import type { GitRequest } from './git-http-request.ts';
import { answerLsRefs, parseLsRefsRequest, readVisibleBranches } from './ls-refs.ts';
import { errPacket, FLUSH_PKT, pktLine } from './pkt-line.ts';

const gunzipAsync = promisify(gunzip);

/**
 * git http-backend buffers an upload-pack request up to this size too (GIT_HTTP_MAX_REQUEST_BUFFER's
 * default): a fetch's negotiation, never a pack, so a candidate's repository stays far below it.
 */
export const MAX_UPLOAD_PACK_REQUEST = 10 * 1024 * 1024;
const MAX_STDERR = 8 * 1024;

/** The headers http-backend sends with every smart-HTTP answer: nothing in between may cache it. */
const NO_CACHE = {
  expires: 'Fri, 01 Jan 1980 00:00:00 GMT',
  pragma: 'no-cache',
  'cache-control': 'no-cache, max-age=0, must-revalidate',
};

export interface UploadPackContext {
  /** `<projectRoot>/<slug>.git`, built from the matched slug, never from the request. */
  gitDir: string;
  /** Sanitized `Git-Protocol` header, passed to git as GIT_PROTOCOL. */
  protocol: string | null;
  /** Configuration enforced through the environment on top of the repository's own. */
  config: Readonly<Record<string, string>>;
  /** Refs no client sees (the enforced transfer.hideRefs), for ls-refs answered without git. */
  hiddenRefs: readonly string[];
  /** Fresh clones' answers, served again without git (clone-pack-cache.ts). */
  clonePacks?: ClonePackCache;
  requestTimeoutMs: number;
}

export type KeptAnswer = { headers: Record<string, string>; body: Buffer };

/**
 * Serves a fetch or clone by running `git upload-pack --stateless-rpc` itself, without the
 * `git http-backend` CGI wrapper in between: one process fewer per request (and one fork of the
 * server fewer), no CGI headers to parse. What http-backend did on the way is done here: the
 * service line before a v0/v1 advertisement, gzip-encoded request bodies inflated (and bounded
 * like http-backend bounds them), GIT_PROTOCOL passed through, the same content types and
 * no-cache headers. Pushes still go through http-backend (its hooks and REMOTE_USER handling).
 * A v2 client's ls-refs is answered from the repository's files when ls-refs.ts can (no process).
 */
export async function serveUploadPack(
  request: FastifyRequest,
  reply: FastifyReply,
  git: GitRequest,
  context: UploadPackContext,
  keepAnswer?: (answer: KeptAnswer) => void,
): Promise<FastifyReply> {
  const v2 = context.protocol !== null && /(^|:)version=2(:|$)/.test(context.protocol);
  if (git.kind === 'advertisement') {
    const run = startUploadPack(['--advertise-refs'], context);
    run.child.stdin?.end();
    const headers = { ...NO_CACHE, 'content-type': 'application/x-git-upload-pack-advertisement' };
    const output = await collect(run);
    if (output.code !== 0 || output.stdout.length === 0) {
      request.log.warn(
        { slug: git.slug, code: output.code, stderr: output.stderr },
        'git upload-pack failed',
      );
      // What http-backend answered when the directory was no repository (deleted meanwhile).
      return reply.code(404).headers(NO_CACHE).type('text/plain; charset=utf-8').send('Not found.\n');
    }
    // v2 starts with its own "version 2" line; v0 and v1 clients expect the service line first.
    const body = v2
      ? output.stdout
      : Buffer.concat([pktLine('# service=git-upload-pack\n'), FLUSH_PKT, output.stdout]);
    keepAnswer?.({ headers, body });
    return reply.code(200).headers(headers).send(body);
  }

  const body = await readRequestBody(request);
  const resultHeaders = { ...NO_CACHE, 'content-type': 'application/x-git-upload-pack-result' };
  if (body === 'too-large') {
    return reply.code(413).headers(NO_CACHE).type('text/plain; charset=utf-8').send('Request too large.\n');
  }
  if (body === 'bad-encoding') {
    return reply.code(400).headers(NO_CACHE).type('text/plain; charset=utf-8').send('Bad request body.\n');
  }
  const lsRefs = v2 ? parseLsRefsRequest(body) : null;
  const refs = lsRefs ? answerLsRefs(context.gitDir, lsRefs, context.hiddenRefs) : null;
  if (refs) return reply.code(200).headers(resultHeaders).send(refs);
  const keep = v2 && context.clonePacks ? keepableClone(body, context, context.clonePacks) : null;
  if (keep && 'kept' in keep) return reply.code(200).headers(resultHeaders).send(keep.kept);
  const run = startUploadPack([], context);
  run.child.stdin?.end(body);
  reply.raw.on('close', () => {
    // A client that hung up needs no pack; its pack-objects stops with the group.
    if (!reply.raw.writableFinished) killGroup(run.child);
  });
  const first = await firstChunk(run);
  if (!first) {
    const code = await run.exited;
    request.log.warn({ slug: git.slug, code, stderr: run.stderr() }, 'git upload-pack failed');
    // Inside the protocol, so the client prints it instead of a bare "RPC failed".
    return reply
      .code(200)
      .headers(resultHeaders)
      .send(errPacket('The repository could not be read. Please tell your interviewer.'));
  }
  void run.exited.then((code) => {
    if (code !== 0)
      request.log.warn({ slug: git.slug, code, stderr: run.stderr() }, 'git upload-pack failed');
  });
  const stdout = run.child.stdout!;
  stdout.unshift(first);
  if (keep && 'store' in keep) {
    const chunks: Buffer[] = [];
    let size = 0;
    stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= keep.limit) chunks.push(chunk);
    });
    // Only a whole answer git completed without error is served again (its pack, reframed).
    void run.exited.then((code) => {
      const pack = code === 0 && size <= keep.limit ? packOfAnswer(Buffer.concat(chunks)) : null;
      if (pack) keep.store(pack);
    });
  }
  return reply.code(200).headers(resultHeaders).send(stdout);
}

/**
 * A fresh clone of this repository's branch tips: the kept answer, or where to keep git's.
 * Null for any other request, or when the repository holds more than branches.
 */
function keepableClone(
  body: Buffer,
  context: UploadPackContext,
  cache: ClonePackCache,
): { kept: Buffer } | { store: (pack: Buffer) => void; limit: number } | null {
  const fetch = cacheableFetch(body);
  if (!fetch) return null;
  const branches = readVisibleBranches(context.gitDir, context.hiddenRefs);
  if (!branches) return null;
  const tips = new Set(branches.refs.values());
  if (!fetch.wants.every((want) => tips.has(want))) return null;
  const kept = cache.get(fetch.key);
  if (kept) return { kept };
  return { store: (pack) => cache.set(fetch.key, pack), limit: cache.maxAnswerBytes };
}

interface UploadPackRun {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
}

function startUploadPack(extra: string[], context: UploadPackContext): UploadPackRun {
  const env: Record<string, string> = configEnvironment(context.config);
  if (context.protocol) env.GIT_PROTOCOL = context.protocol;
  // --strict: the exact directory, never `<dir>.git` or `<dir>/.git` tried in its place.
  const child = spawn('git', ['upload-pack', '--stateless-rpc', '--strict', ...extra, context.gitDir], {
    env: gitEnvironment(env),
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so a timeout also stops the pack-objects it started.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
  });
  // upload-pack may die (a missing repository) before reading its input.
  child.stdin?.on('error', () => {});
  const timer = setTimeout(() => killGroup(child), context.requestTimeoutMs);
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  return { child, exited, stderr: () => stderr };
}

async function collect(run: UploadPackRun): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const chunks: Buffer[] = [];
  run.child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await run.exited;
  return { code, stdout: Buffer.concat(chunks), stderr: run.stderr() };
}

/** The first bytes upload-pack writes, or null when it ended without writing any. */
function firstChunk(run: UploadPackRun): Promise<Buffer | null> {
  const stdout = run.child.stdout!;
  return new Promise((resolve) => {
    const finish = (chunk: Buffer | null) => {
      stdout.off('data', onData);
      stdout.off('end', onEnd);
      stdout.off('error', onEnd);
      resolve(chunk);
    };
    const onData = (chunk: Buffer) => {
      stdout.pause();
      finish(chunk);
    };
    const onEnd = () => finish(null);
    stdout.on('data', onData);
    stdout.once('end', onEnd);
    stdout.once('error', onEnd);
  });
}

/** The request body, inflated when git gzipped it; bounded before and after inflating. */
async function readRequestBody(request: FastifyRequest): Promise<Buffer | 'too-large' | 'bad-encoding'> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end even when too large: leaving the loop early would destroy the connection
  // before the answer could be sent.
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_UPLOAD_PACK_REQUEST) chunks.push(chunk);
  }
  if (size > MAX_UPLOAD_PACK_REQUEST) return 'too-large';
  const raw = Buffer.concat(chunks);
  const encoding = request.headers['content-encoding'];
  if (encoding === undefined) return raw;
  // git gzips long fetch negotiations; anything else it would not send.
  if (typeof encoding !== 'string' || !/^(x-)?gzip$/i.test(encoding)) return 'bad-encoding';
  try {
    return await gunzipAsync(raw, { maxOutputLength: MAX_UPLOAD_PACK_REQUEST });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'bad-encoding';
  }
}

export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
