import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRehearsal } from '../src/features/rehearsals/rehearsal-runner.ts';
import { RehearsalSandbox } from '../src/features/rehearsals/rehearsal-sandbox.ts';
import { createWorld, databases, startTestServer, type TestServer, type World } from './harness.ts';
import { rehearseOnServer, taskWithSnapshot } from './task-preparation-flows.ts';

/**
 * The egress proxy: from inside a real sandbox, a step asks the proxy (HTTPS_PROXY) for hosts on
 * and off REHEARSAL_EGRESS_HOSTS, and tries to go around it.
 */

// Asks the proxy for a tunnel and prints its answer; written without single quotes for `sh -c`.
const probe = `
const http = require("node:http");
const target = process.argv[1];
const proxy = new URL(process.env.HTTPS_PROXY);
const request = http.request({ host: proxy.hostname, port: proxy.port, method: "CONNECT", path: target });
request.on("connect", (response, socket, head) => {
  let body = head.toString();
  socket.on("data", (chunk) => { body += chunk; if (response.statusCode === 200) socket.end(); });
  socket.on("close", () => console.log("STATUS", response.statusCode, body.trim()));
});
request.on("error", (error) => console.log("ERROR", error.code));
request.end();`;
const ask = (target: string) => `node -e '${probe}' ${target}`;

function listen(): Promise<{ server: net.Server; port: number; connections: () => number }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    socket.end('HELLO FROM THE HOST\n');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as net.AddressInfo).port, connections: () => count }),
    ),
  );
}

describe.each(databases())('rehearsal egress through the proxy (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let target: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    target = await listen();
    server = await startTestServer(database, {
      rehearsalLimits: { memoryMib: 512, processes: 64, diskMib: 16 },
      // Listed, but it resolves to loopback: still refused.
      rehearsalEgressHosts: [
        { host: 'localhost', port: target.port },
        { host: 'registry.npmjs.org', port: 443 },
      ],
    });
    world = await createWorld(server);
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => target.server.close(resolve));
  });

  it('refuses hosts not on the list, listed names that resolve to loopback, and anything but CONNECT', async () => {
    const serverPort = new URL(server.url).port;
    const attempts = {
      unlisted: ask('example.com:443'),
      otherPort: ask('registry.npmjs.org:80'),
      serverByAddress: ask(`127.0.0.1:${serverPort}`),
      listedLoopback: ask(`localhost:${target.port}`),
      plainHttp: `node -e 'require("node:http").get({ host: "127.0.0.1", port: new URL(process.env.HTTP_PROXY).port, path: "http://example.com/" }, (r) => console.log("STATUS", r.statusCode))'`,
      around: `node -e 'require("node:net").connect(${target.port}, "127.0.0.1").on("connect", () => console.log("CONNECTED")).on("error", (e) => console.log("ERROR", e.code))'`,
    };
    const { taskId } = await taskWithSnapshot(world, {
      title: 'Egress kata',
      setupCommands: Object.values(attempts),
    });
    const { rehearsal } = await rehearseOnServer(world, taskId);
    const output = Object.fromEntries(
      Object.keys(attempts).map((name, index) => [name, rehearsal.steps[index + 1]?.outputTail ?? '']),
    ) as Record<keyof typeof attempts, string>;

    expect(output.unlisted).toMatch(
      /^STATUS 403 Pairwise rehearsal proxy: example\.com:443 is not in REHEARSAL_EGRESS_HOSTS/,
    );
    expect(output.otherPort).toMatch(
      /^STATUS 403 .*registry\.npmjs\.org:80 is not in REHEARSAL_EGRESS_HOSTS/,
    );
    expect(output.serverByAddress).toMatch(/^STATUS 403 .*is not in REHEARSAL_EGRESS_HOSTS/);
    expect(output.listedLoopback).toMatch(
      /^STATUS 403 .*localhost resolves to a loopback, private or reserved address/,
    );
    expect(output.plainHttp).toMatch(/^STATUS 405/);
    expect(output.around).toMatch(/^ERROR ECONNREFUSED/);
    expect(target.connections()).toBe(0);
  });
});

describe('rehearsal egress to a listed host', () => {
  let temp: string;
  let target: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    target = await listen();
    temp = mkdtempSync(path.join(os.tmpdir(), 'pairwise-egress-'));
    const repo = path.join(temp, 'repo');
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo]);
    writeFileSync(path.join(repo, 'README.md'), 'egress\n');
    execFileSync('git', ['-C', repo, 'add', '.']);
    execFileSync('git', [
      '-C',
      repo,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '--quiet',
      '-m',
      'start',
    ]);
  });
  afterAll(async () => {
    await new Promise((resolve) => target.server.close(resolve));
    rmSync(temp, { recursive: true, force: true });
  });

  it('tunnels a listed host through the proxy from inside the sandbox', async () => {
    // This machine has no route to the internet, so the listed host is the test's own loopback
    // listener, which this proxy alone is told to admit; everything else about the path is real.
    const sandbox = await RehearsalSandbox.create(
      { memoryMib: 512, processes: 64, diskMib: 16 },
      {
        egress: [{ host: 'localhost', port: target.port }],
        egressRefuses: (address) => address !== '127.0.0.1',
      },
    );
    const result = await runRehearsal({
      repoUrlOrPath: path.join(temp, 'repo'),
      setupCommands: [ask(`localhost:${target.port}`)],
      testCommand: 'true',
      stepTimeoutMs: 10_000,
      totalTimeoutMs: 20_000,
      budgetMs: 20_000,
      machineLabel: 'test',
      sandbox,
    });
    expect(result.steps[1]?.outputTail).toMatch(/^STATUS 200 HELLO FROM THE HOST/);
    expect(target.connections()).toBe(1);
    expect(result.passed).toBe(true);
  });
});
