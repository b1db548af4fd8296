import { spawn } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { readCgiResponse } from './cgi-response.ts';
import { ClonePackCache } from './clone-pack-cache.ts';
import { configEnvironment, gitEnvironment } from './git-command.ts';
import {
  type GitRequest,
  type GitService,
  hasControlCharacters,
  matchGitRequest,
  parseBasicCredentials,
  sanitizeGitProtocol,
} from './git-http-request.ts';
import { errPacket, readReceivePackCommands, receivePackRefusal, sanitizeReason } from './pkt-line.ts';
import { type PushEvent, type PushLogFile, PushRecorder } from './push-log.ts';
import { killGroup, serveUploadPack } from './upload-pack.ts';

export interface GitAuthorizeInput {
  slug: string;
  username: string;
  password: string;
  service: GitService;
  ip: string;
}

export type GitAuthorizeResult =
  | { ok: true; remoteUser: string }
  | { ok: false; status: 401 | 403 | 404; reason: string };

export interface GitHttpOptions {
  /** Directory holding `<slug>.git` repositories (the store's `root`). */
  projectRoot: string;
  /** Called for every request that carries credentials: git sends them again on each request. */
  authorize(input: GitAuthorizeInput): Promise<GitAuthorizeResult> | GitAuthorizeResult;
  /** Called once per push that updated at least one ref, after git has finished with it. */
  onPush?(event: PushEvent): Promise<void> | void;
  /**
   * Where the post-receive hook and unrecorded push logs live. A persistent directory lets pushes
   * whose `onPush` never completed be replayed at the next start; default is a temporary one.
   */
  spoolDirectory?: string;
  maxCommitsPerPush?: number;
  /** A git process still running after this long is killed. Default 10 minutes. */
  requestTimeoutMs?: number;
  /** Fresh clones' packs, shared with the store that makes a new repository's ahead (decision 050). */
  clonePacks?: ClonePackCache;
}

const REALM = 'Pairwise';
const ABORTED_PUSH_GRACE_MS = 30_000;
const MAX_STDERR = 8 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 600_000;

/**
 * Enforced on every request through the environment, on top of each repository's own config, so
 * a repository created by hand or by an older version is still append-only and smart-HTTP only.
 */
const ENFORCED_CONFIG = {
  'receive.denyNonFastForwards': 'true',
  'receive.denyDeletes': 'true',
  'http.getanyfile': 'false',
  'transfer.hideRefs': 'refs/pairwise',
};

/**
 * Serves `/git/<slug>.git/...` over git's smart HTTP protocol: fetches and clones through
 * `git upload-pack --stateless-rpc` (upload-pack.ts), pushes through `git http-backend`.
 * Encapsulated: the raw-body content-type parser applies to these routes only.
 */
export const gitHttpPlugin: FastifyPluginAsync<GitHttpOptions> = async (app, options) => {
  const projectRoot = path.resolve(options.projectRoot);
  const recorder = options.onPush ? await PushRecorder.create(options.spoolDirectory) : null;
  const hooksPath = recorder?.hooksPath ?? '/dev/null';

  // git's request bodies reach git through the handler, never buffered or size-capped by Fastify:
  // a push is streamed into http-backend, a fetch's negotiation read with upload-pack.ts's bound.
  app.addContentTypeParser(/^application\/x-git-/, (_request, payload, done) => done(null, payload));

  app.addHook('onReady', async () => {
    if (recorder) await replayPendingPushes(app, recorder, projectRoot, options);
  });
  app.addHook('onClose', async () => {
    await recorder?.close();
    await clonePacks.close();
  });

  // Protocol v2's first answer lists the server's capabilities, not the repository's refs: the same
  // bytes for every repository Pairwise creates (one object format, one enforced config). It is
  // kept after its first run, so it costs no git process after that. Credentials and the window
  // are still checked on every request before it is sent.
  const capabilities = new Map<string, { headers: Record<string, string>; body: Buffer }>();
  // The packs of fresh clones: the candidates of one task clone the same snapshot commit.
  const clonePacks = options.clonePacks ?? new ClonePackCache();

  app.route({
    method: ['GET', 'POST'],
    url: '/git/*',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const git = matchGitRequest(request.method, request.raw.url ?? '');
      if (!git) return sendText(reply, 404, 'Not found.');
      const credentials = parseBasicCredentials(request.headers.authorization);
      if (!credentials) return challenge(reply, 'Authentication required.');
      if (
        git.kind === 'rpc' &&
        request.headers['content-type'] !== `application/x-git-${git.service}-request`
      ) {
        return sendText(reply, 415, 'Unsupported content type.');
      }
      const decision = await options.authorize({
        slug: git.slug,
        username: credentials.username,
        password: credentials.password,
        service: git.service,
        ip: request.ip,
      });
      if (!decision.ok) return refuse(request, reply, git, decision);
      const remoteUser = decision.remoteUser;
      if (remoteUser.length === 0 || remoteUser.length > 256 || hasControlCharacters(remoteUser)) {
        throw new Error('authorize returned a remoteUser that cannot be passed to git');
      }
      if (git.service === 'upload-pack') {
        const protocol = sanitizeGitProtocol(request.headers['git-protocol']);
        const capabilitiesKey =
          git.kind === 'advertisement' && protocol && /(^|:)version=2(:|$)/.test(protocol) ? protocol : null;
        const known = capabilitiesKey ? capabilities.get(capabilitiesKey) : undefined;
        if (known) return reply.code(200).headers(known.headers).send(known.body);
        return serveUploadPack(
          request,
          reply,
          git,
          {
            gitDir: path.join(projectRoot, `${git.slug}.git`),
            protocol,
            config: ENFORCED_CONFIG,
            hiddenRefs: [ENFORCED_CONFIG['transfer.hideRefs']],
            clonePacks,
            requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          },
          capabilitiesKey ? (answer) => capabilities.set(capabilitiesKey, answer) : undefined,
        );
      }
      // Pushes keep http-backend: it sets up receive-pack's environment and the hooks rely on it.
      return runBackend(request, reply, git, remoteUser, { ...options, projectRoot, hooksPath, recorder });
    },
  });
};

/** Mounts the git routes in their own encapsulated context. */
export async function registerGitRoutes(app: FastifyInstance, options: GitHttpOptions): Promise<void> {
  await app.register(gitHttpPlugin, options);
}

function sendText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-cache, max-age=0, must-revalidate')
    .type('text/plain; charset=utf-8')
    .send(`${sanitizeReason(text)}\n`);
}

// git shows a text/plain error body as `remote: <line>` before its own message.
function challenge(reply: FastifyReply, reason: string): FastifyReply {
  reply.header('www-authenticate', `Basic realm="${REALM}", charset="UTF-8"`);
  return sendText(reply, 401, reason);
}

/*
 * What git 2.39 prints (asserted in git-http-backend.test.ts):
 * - 401 → `remote: <reason>` + `fatal: Authentication failed for '<url>'`; the status also tells
 *   credential helpers to forget a wrong password.
 * - 404 on the advertisement → `remote: <reason>` + `fatal: repository '<url>' not found`.
 * - 403 on the advertisement → an ERR packet in a 200 advertisement: `fatal: remote error: <reason>`.
 *   A real 403 would add "The requested URL returned error: 403" and bury the reason.
 * - Any refusal of the POST that follows (the window closed mid-operation) is answered inside the
 *   protocol, because git reports an HTTP error there only as "RPC failed": a fetch gets the ERR
 *   packet, a push a status report rejecting each ref (`! [remote rejected] main -> main (<reason>)`).
 */
async function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  git: GitRequest,
  decision: { status: 401 | 403 | 404; reason: string },
): Promise<FastifyReply> {
  request.log.info({ slug: git.slug, service: git.service, status: decision.status }, 'git access refused');
  if (decision.status === 401) return challenge(reply, decision.reason);
  if (git.kind === 'advertisement') {
    if (decision.status === 404) return sendText(reply, 404, decision.reason);
    return sendGitResult(reply, `application/x-git-${git.service}-advertisement`, errPacket(decision.reason));
  }
  if (git.service === 'upload-pack') {
    return sendGitResult(reply, 'application/x-git-upload-pack-result', errPacket(decision.reason));
  }
  const commands = request.headers['content-encoding'] ? null : await readReceivePackCommands(request.raw);
  if (!commands) return sendText(reply, decision.status, decision.reason);
  // Before a large push git sends an empty probe and looks only at its status: let it through,
  // so the refusal reaches the client in the status report of the real request.
  if (commands.refs.length === 0)
    return sendGitResult(reply, 'application/x-git-receive-pack-result', Buffer.alloc(0));
  return sendGitResult(
    reply,
    'application/x-git-receive-pack-result',
    receivePackRefusal(commands, decision.reason),
  );
}

function sendGitResult(reply: FastifyReply, contentType: string, body: Buffer): FastifyReply {
  return reply
    .code(200)
    .header('cache-control', 'no-cache, max-age=0, must-revalidate')
    .type(contentType)
    .send(body);
}

interface BackendContext extends GitHttpOptions {
  hooksPath: string;
  recorder: PushRecorder | null;
}

async function runBackend(
  request: FastifyRequest,
  reply: FastifyReply,
  git: GitRequest,
  remoteUser: string,
  context: BackendContext,
): Promise<FastifyReply> {
  const isPush = git.service === 'receive-pack' && git.kind === 'rpc';
  const pushLog = isPush && context.recorder ? context.recorder.newLogFile(git.slug) : null;
  const child = spawn('git', ['http-backend'], {
    env: gitEnvironment({
      ...cgiEnvironment(request, git, remoteUser, context.projectRoot),
      ...configEnvironment({ ...ENFORCED_CONFIG, 'core.hooksPath': context.hooksPath }),
      ...(context.recorder?.hookEnvironment(pushLog) ?? {}),
    }),
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so a timeout also stops the upload-pack or receive-pack it started.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
  });
  child.stdin?.on('error', () => {}); // http-backend may answer and exit before reading the whole body
  let timer = setTimeout(() => killGroup(child), context.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
  if (git.kind === 'rpc') request.raw.pipe(child.stdin!);
  else child.stdin?.end();

  void exited.then(async (code) => {
    clearTimeout(timer);
    if (code !== 0) request.log.warn({ slug: git.slug, code, stderr }, 'git http-backend failed');
    if (pushLog && context.recorder) await recordPush(request, context, pushLog, new Date());
  });

  reply.raw.on('close', () => {
    if (reply.raw.writableFinished || child.exitCode !== null) return;
    request.raw.unpipe(child.stdin!);
    child.stdin?.end();
    child.stdout?.unpipe();
    child.stdout?.resume();
    // A client that hangs up after its refs were updated must not cost the push its record: the
    // receive-pack (and its post-receive hook) gets time to finish on its own.
    clearTimeout(timer);
    timer = setTimeout(() => killGroup(child), isPush ? ABORTED_PUSH_GRACE_MS : 0);
  });

  let cgi: Awaited<ReturnType<typeof readCgiResponse>>;
  try {
    cgi = await readCgiResponse(child.stdout!);
  } catch (error) {
    request.log.error({ err: error, slug: git.slug, stderr }, 'git http-backend gave no response');
    killGroup(child);
    return sendText(reply, 502, 'The git backend did not answer.');
  }
  return reply.code(cgi.status).headers(cgi.headers).send(cgi.body);
}

function cgiEnvironment(
  request: FastifyRequest,
  git: GitRequest,
  remoteUser: string,
  projectRoot: string,
): Record<string, string> {
  const env: Record<string, string> = {
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: git.pathInfo,
    REQUEST_METHOD: request.method,
    QUERY_STRING: git.queryString,
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    REMOTE_USER: remoteUser,
    REMOTE_ADDR: request.ip,
  };
  const encoding = request.headers['content-encoding'];
  // git gzips long fetch negotiations; without this http-backend reads gzip as pkt-lines.
  if (typeof encoding === 'string' && /^(x-)?gzip$/i.test(encoding)) env.HTTP_CONTENT_ENCODING = encoding;
  const protocol = sanitizeGitProtocol(request.headers['git-protocol']);
  if (protocol) env.GIT_PROTOCOL = protocol;
  // Chunked pushes have no length; http-backend then reads to end of input, which is correct.
  const length = request.headers['content-length'];
  if (git.kind === 'rpc' && length && /^\d+$/.test(length) && !request.headers['transfer-encoding']) {
    env.CONTENT_LENGTH = length;
  }
  return env;
}

async function recordPush(
  request: Pick<FastifyRequest, 'log'>,
  context: Pick<BackendContext, 'onPush' | 'maxCommitsPerPush' | 'projectRoot' | 'recorder'>,
  file: PushLogFile,
  /** Null when replaying: the log file's time is the push's time. */
  at: Date | null,
): Promise<void> {
  const recorder = context.recorder!;
  try {
    const gitDir = path.join(context.projectRoot, `${file.slug}.git`);
    const event = await recorder.read(file, gitDir, {
      ...(at ? { at } : {}),
      ...(context.maxCommitsPerPush ? { maxCommits: context.maxCommitsPerPush } : {}),
    });
    if (event) await context.onPush?.(event);
    await recorder.discard(file);
  } catch (error) {
    // Kept on disk: with a persistent spool directory it is replayed at the next start.
    request.log.error({ err: error, slug: file.slug, pushId: file.id }, 'recording a push failed');
  }
}

async function replayPendingPushes(
  app: FastifyInstance,
  recorder: PushRecorder,
  projectRoot: string,
  options: GitHttpOptions,
): Promise<void> {
  for (const file of await recorder.pending()) {
    app.log.warn({ slug: file.slug, pushId: file.id }, 'recording a push left over from a previous run');
    await recordPush(app, { ...options, projectRoot, recorder }, file, null);
  }
}
