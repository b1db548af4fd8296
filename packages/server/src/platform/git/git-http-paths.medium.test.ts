import { rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTaskSource,
  type GitTestServer,
  startGitServer,
  tempDirectory,
} from '../../../test/support/git-test-harness.ts';
import { type GitAuthorizeInput, registerGitRoutes } from './git-http-backend.ts';
import { matchGitRequest } from './git-http-request.ts';
import { MAX_UPLOAD_PACK_REQUEST } from './upload-pack.ts';

const credentials = { username: 'candidate-alpha', password: 'k3Jd9sQpL0vXw2ZrT8yB4nHc' };
const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
const calls: GitAuthorizeInput[] = [];
let server: GitTestServer;
let work: string;

beforeAll(async () => {
  server = await startGitServer({
    authorize: (input) => {
      calls.push(input);
      return { ok: true, remoteUser: input.username };
    },
  });
  work = await tempDirectory('git-paths');
  const source = await createTaskSource(path.join(work, 'task'), { 'README.md': 'secret-free\n' });
  await server.store.create({ slug: 'interview-a', source: source.path, commit: source.commit });
});

afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/** Sends the request line byte for byte: neither Node's client nor curl would keep `..` as is. */
function rawRequest(method: string, target: string, headers: Record<string, string> = {}) {
  const { port } = new URL(server.baseUrl);
  return new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    let response = '';
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...rest] = response.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: rest.join('\r\n\r\n') });
    });
  });
}

const hostile = [
  '/git/interview-a.git/config',
  '/git/interview-a.git/HEAD',
  '/git/interview-a.git/description',
  '/git/interview-a.git/packed-refs',
  '/git/interview-a.git/refs/heads/main',
  '/git/interview-a.git/objects/info/packs',
  '/git/interview-a.git/objects/info/alternates',
  '/git/interview-a.git/objects/pack/',
  '/git/interview-a.git/objects/e6/9de29bb2d1d6434b8b29ae775ad8c2e48c5391',
  '/git/interview-a.git/hooks/post-receive',
  '/git/interview-a.git/info/refs',
  '/git/interview-a.git/info/refs?service=git-upload-archive',
  '/git/interview-a.git/info/refs?service=git-upload-pack&x=1',
  '/git/interview-a.git/../interview-a.git/config',
  '/git/../interview-a.git/config',
  '/git/interview-a.git/info/../config',
  '/git/%2e%2e/interview-a.git/config',
  '/git/interview-a.git/%2e%2e/config',
  '/git/interview-a.git/info/%2E%2E/config',
  '/git/interview-a.git%2finfo%2frefs?service=git-upload-pack',
  '/git/interview-a.git/info%2frefs?service=git-upload-pack',
  '/git/interview-a%2egit/info/refs?service=git-upload-pack',
  '/git//interview-a.git/info/refs?service=git-upload-pack',
  '/git/Interview-A.git/info/refs?service=git-upload-pack',
  '/git/interview-a/info/refs?service=git-upload-pack',
  '/git/interview-a.git/info/refs/?service=git-upload-pack',
  '/git/interview-a.git/git-upload-pack/../config',
  '/git/interview-a.git/git-upload-pack?x=../../config',
  `/git/${'a'.repeat(65)}.git/info/refs?service=git-upload-pack`,
];

describe('the git route accepts exactly three request shapes', () => {
  it.each(hostile)('answers 404 to GET %s, with or without credentials, leaking nothing', async (target) => {
    calls.length = 0;
    for (const headers of [{}, { Authorization: authorization }] as Record<string, string>[]) {
      const response = await rawRequest('GET', target, headers);
      expect([400, 404]).toContain(response.status);
      expect(response.body).not.toMatch(/\[core\]|bare = |ref: refs|refs\/heads|PACK|#!\/bin\/sh/);
    }
    expect(calls).toEqual([]);
  });

  it('answers 404 to the right path with the wrong method', async () => {
    for (const [method, target] of [
      ['POST', '/git/interview-a.git/info/refs?service=git-upload-pack'],
      ['GET', '/git/interview-a.git/git-upload-pack'],
      ['GET', '/git/interview-a.git/git-receive-pack'],
      ['PUT', '/git/interview-a.git/git-receive-pack'],
    ] as const) {
      const response = await rawRequest(method, target, {
        Authorization: authorization,
        'Content-Length': '0',
      });
      expect(response.status).toBe(404);
    }
  });

  it('asks for credentials on a well-formed request without them, before anything else', async () => {
    calls.length = 0;
    const response = await rawRequest('GET', '/git/interview-a.git/info/refs?service=git-upload-pack');
    expect(response.status).toBe(401);
    expect(response.headers).toMatch(/www-authenticate: Basic realm="Pairwise"/i);
    expect(calls).toEqual([]);
  });

  it('serves the well-formed request once authorized', async () => {
    const response = await rawRequest('GET', '/git/interview-a.git/info/refs?service=git-upload-pack', {
      Authorization: authorization,
    });
    expect(response.status).toBe(200);
    expect(response.headers).toMatch(/content-type: application\/x-git-upload-pack-advertisement/i);
    expect(response.body).toContain('refs/heads/main');
    expect(response.body).not.toContain('refs/pairwise');
    expect(calls.at(-1)).toMatchObject({ slug: 'interview-a', service: 'upload-pack', ip: '127.0.0.1' });
  });

  it('refuses a POST with a content type git would not send', async () => {
    const response = await rawRequest('POST', '/git/interview-a.git/git-upload-pack', {
      Authorization: authorization,
      'Content-Type': 'text/plain',
      'Content-Length': '0',
    });
    expect(response.status).toBe(415);
  });

  it('leaves other routes of the app to their own body parsers', async () => {
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    app.post('/api/echo', async (request) => request.body);
    await registerGitRoutes(app, {
      projectRoot: server.root,
      authorize: () => ({ ok: true, remoteUser: 'x' }),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as net.AddressInfo;
    const body = await new Promise<string>((resolve, reject) => {
      const request = http.request(
        {
          port,
          host: '127.0.0.1',
          path: '/api/echo',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
      request.end('{"a":1}');
    });
    await app.close();
    expect(JSON.parse(body)).toEqual({ a: 1 });
  });
});

/** A POST with a body, as Node's client sends it (the paths above need raw bytes; this does not). */
function post(target: string, headers: Record<string, string>, body: Buffer) {
  const { port } = new URL(server.baseUrl);
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const request = http.request(
      { port, host: '127.0.0.1', path: target, method: 'POST', headers: { authorization, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('fetch requests git would not send', () => {
  const lsRefs = Buffer.from('0014command=ls-refs\n0000');
  const headers = { 'content-type': 'application/x-git-upload-pack-request', 'git-protocol': 'version=2' };

  it('answers 400 to a body that claims gzip and is not, or another encoding', async () => {
    const notGzip = await post(
      '/git/interview-a.git/git-upload-pack',
      { ...headers, 'content-encoding': 'gzip' },
      lsRefs,
    );
    expect(notGzip.status).toBe(400);
    const deflate = await post(
      '/git/interview-a.git/git-upload-pack',
      { ...headers, 'content-encoding': 'deflate' },
      deflateSync(lsRefs),
    );
    expect(deflate.status).toBe(400);
  });

  it('answers 413 to a negotiation that inflates beyond the bound http-backend kept too', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_UPLOAD_PACK_REQUEST + 1));
    const response = await post(
      '/git/interview-a.git/git-upload-pack',
      { ...headers, 'content-encoding': 'gzip' },
      bomb,
    );
    expect(response.status).toBe(413);
  });

  it('answers a repository that is gone (deleted after the check) with 404 or, inside the protocol, an ERR packet', async () => {
    const advertisement = await rawRequest('GET', '/git/gone.git/info/refs?service=git-upload-pack', {
      Authorization: authorization,
    });
    expect(advertisement.status).toBe(404);
    const rpc = await post('/git/gone.git/git-upload-pack', headers, lsRefs);
    expect(rpc.status).toBe(200);
    expect(rpc.body.toString('utf8')).toMatch(/^[0-9a-f]{4}ERR The repository could not be read/);
  });
});

describe('matchGitRequest', () => {
  it('builds PATH_INFO from the slug alone', () => {
    expect(matchGitRequest('GET', '/git/abc-1.git/info/refs?service=git-receive-pack')).toEqual({
      slug: 'abc-1',
      service: 'receive-pack',
      kind: 'advertisement',
      pathInfo: '/abc-1.git/info/refs',
      queryString: 'service=git-receive-pack',
    });
    expect(matchGitRequest('POST', '/git/abc-1.git/git-upload-pack')).toMatchObject({
      kind: 'rpc',
      pathInfo: '/abc-1.git/git-upload-pack',
      queryString: '',
    });
  });
});
