import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { rehearseOnServer, taskWithSnapshot } from './task-preparation-flows.ts';

/**
 * Real escape attempts from a task's setup commands, run by the real server in the real
 * bubblewrap sandbox with small limits so that hitting each limit takes a moment. Every
 * attempt prints what it got, and the test checks that it got nothing.
 */

// A variable only the server process has: it must not appear inside any sandbox.
const SERVER_SECRET = `pairwise-server-secret-${process.pid}`;
const limits = { memoryMib: 256, processes: 48, diskMib: 8 };

/** Host processes whose command line contains `needle` (e.g. a sleep a step tried to leave behind). */
function hostProcesses(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

describe.each(databases())('rehearsal sandbox: escape attempts fail (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let listener: net.Server;
  let listenerPort = 0;
  let listenerConnections = 0;

  beforeAll(async () => {
    process.env.PAIRWISE_TEST_SECRET = SERVER_SECRET;
    server = await startTestServer(database, { rehearsalLimits: limits });
    world = await createWorld(server);
    // Another service on the host's loopback, which a step must not reach either.
    listener = net.createServer((socket) => {
      listenerConnections++;
      socket.end('HELLO FROM THE HOST\n');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerPort = (listener.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    delete process.env.PAIRWISE_TEST_SECRET;
    await new Promise((resolve) => listener.close(resolve));
    await server.close();
  });

  async function rehearse(title: string, setupCommands: string[]) {
    const { taskId } = await taskWithSnapshot(world, { title, setupCommands });
    const { rehearsal } = await rehearseOnServer(world, taskId);
    return rehearsal;
  }

  it('shows no secret, file or process of the server, and reaches no network', async () => {
    const dataDir = server.dataDir;
    const sqlite = path.join(dataDir, 'pairwise.sqlite');
    const serverPort = new URL(server.url).port;
    const connect = (host: string, port: string | number) =>
      `node -e "require('net').connect(${port}, '${host}').on('connect', () => console.log('CONNECTED')).on('error', (e) => console.log('refused', e.code))"`;
    const attempts = {
      environ: 'cat /proc/1/environ /proc/$PPID/environ /proc/self/environ | tr "\\0" "\\n"; env',
      processes: 'ls /proc | grep -E "^[0-9]+$" | wc -l; cat /proc/*/cmdline 2>/dev/null | tr "\\0" " "',
      dataDir: `ls -la ${dataDir} 2>&1; ls -la ${path.dirname(dataDir)} 2>&1 | head -5`,
      sqlite: `head -c 64 ${sqlite} 2>&1; find / -xdev \\( -name "*.sqlite*" -o -name "*.git" \\) 2>/dev/null | grep -v "^/usr" | sed "s/^/FOUND /" | head`,
      serverPort: connect('127.0.0.1', serverPort),
      loopbackPort: connect('127.0.0.1', listenerPort),
      outside: `${connect('1.1.1.1', 80)}; getent hosts example.com || echo no-dns`,
      system:
        'id; touch /usr/x /etc/x /x /dev/x 2>&1; echo written > /rehearsal/work/mine && echo own-folder-ok; unshare -r id 2>&1 || echo no-nested-root',
      memory: `node -e "const b = Buffer.alloc(512 * 1024 * 1024, 1); console.log('ALLOCATED', b.length)" 2>&1; echo "exit=$?"`,
    };
    const rehearsal = await rehearse('Escape kata', Object.values(attempts));
    expect(rehearsal.steps.map((step) => step.exitCode)).toEqual(rehearsal.steps.map(() => 0));
    const output = Object.fromEntries(
      Object.keys(attempts).map((name, index) => [name, rehearsal.steps[index + 1]!.outputTail]),
    ) as Record<keyof typeof attempts, string>;

    // The environment is the one built for the step; PID 1 is the sandbox's own and has none.
    expect(output.environ).not.toContain(SERVER_SECRET);
    expect(output.environ).not.toMatch(/DATABASE_URL|SMTP_URL|PAIRWISE_TEST_SECRET/);
    expect(output.environ).toContain('HOME=/rehearsal/home');
    // Only the sandbox's own few processes exist; none of the server's command lines.
    expect(Number(output.processes.split('\n')[0])).toBeLessThan(10);
    expect(output.processes).not.toMatch(/vitest|node_modules/);
    // The data folder, its database and the task repositories are not in the sandbox at all.
    expect(output.dataDir).toMatch(/No such file or directory/);
    expect(output.dataDir).not.toContain('pairwise.sqlite');
    expect(output.sqlite).toMatch(/No such file or directory/);
    expect(output.sqlite).not.toContain('SQLite format 3');
    expect(output.sqlite).not.toContain('FOUND');
    // A network namespace of its own: the host's loopback ports and the outside are unreachable.
    expect(output.serverPort).toMatch(/^refused ECONNREFUSED/);
    expect(output.loopbackPort).toMatch(/^refused ECONNREFUSED/);
    expect(listenerConnections).toBe(0);
    expect(output.outside).toMatch(/^refused (ENETUNREACH|EHOSTUNREACH)/);
    expect(output.outside).toContain('no-dns');
    // An unprivileged user on a read-only system, writing only in its own folders.
    expect(output.system).toMatch(/^uid=65534\(rehearsal\)/);
    for (const target of ['/usr/x', '/etc/x', '/x', '/dev/x']) {
      expect(output.system).toMatch(
        new RegExp(`touch: cannot touch '${target}': (Read-only file system|Permission denied)`),
      );
    }
    expect(output.system).toContain('own-folder-ok');
    expect(output.system).toContain('no-nested-root');
    expect(output.system).not.toMatch(/uid=0/);
    expect(output.memory).not.toContain('ALLOCATED');
    expect(output.memory).toMatch(/memory|allocation|RangeError/i);
  });

  it('contains a fork bomb within the process limit and leaves nothing running', async () => {
    const rehearsal = await rehearse('Fork bomb kata', [
      'bomb() { bomb | bomb & }; bomb; sleep 1; echo still-here',
    ]);
    const step = rehearsal.steps[1]!;
    expect(step.outputTail).toMatch(/fork|Resource temporarily unavailable/i);
    expect(hostProcesses('bomb')).toEqual([]);
    // The server answered throughout and still does.
    await expectStatus(world.navigator.get('/api/tasks'), 200);
  });

  it('stops a step whose processes together use more memory than the limit, each under it', async () => {
    const marker = `${process.pid}${Date.now() % 1000}`;
    // Four processes of about 150 MiB each: every one within its own 256 MiB, the four far over.
    const hog = `node -e "globalThis.b = Buffer.alloc(110 * 1024 * 1024, 1); setInterval(() => {}, 1000)" hog${marker}`;
    const rehearsal = await rehearse('Memory kata', [`for i in 1 2 3 4; do ${hog} & done; wait`]);
    expect(rehearsal.failedStep?.reason).toMatch(
      /processes together used more than the memory limit of 256 MiB/,
    );
    expect(rehearsal.steps[1]!.exitCode).toBeNull();
    expect(hostProcesses(`hog${marker}`)).toEqual([]);
  });

  it('stops a step that fills the disk, with one file or with many', async () => {
    const oneFile = await rehearse('Big file kata', ['head -c 100000000 /dev/zero > big; echo "exit=$?"']);
    expect(oneFile.steps[1]!.outputTail).toMatch(/File size limit exceeded/);
    expect(oneFile.failedStep?.reason).toMatch(/disk limit of 8 MiB/);

    const manyFiles = await rehearse('Many files kata', [
      'i=0; while [ $i -lt 10000 ]; do i=$((i+1)); head -c 1048576 /dev/zero > fill-$i || exit 1; done',
    ]);
    expect(manyFiles.failedStep?.reason).toMatch(/disk limit of 8 MiB/);
    expect(manyFiles.steps[1]!.exitCode).toBeNull();
  });

  it('kills what a step leaves running in the background, even in a new session', async () => {
    const marker = `${process.pid}${Date.now() % 1000}`;
    const rehearsal = await rehearse('Background kata', [
      `sleep 1${marker} & setsid sleep 2${marker} & nohup sleep 3${marker} >/dev/null 2>&1 & echo started; exit 0`,
    ]);
    expect(rehearsal.passed).toBe(true);
    expect(rehearsal.steps[1]!.outputTail).toContain('started');
    // The sandbox's PID namespace ends with its first process, taking every other one with it.
    for (const sleeper of [`sleep 1${marker}`, `sleep 2${marker}`, `sleep 3${marker}`]) {
      expect(hostProcesses(sleeper)).toEqual([]);
    }
  });
});

describe('SERVER_REHEARSALS', () => {
  it('off: the server runs no task commands and says where to rehearse instead', async () => {
    const server = await startTestServer('sqlite', { serverRehearsals: 'off' });
    try {
      const world = await createWorld(server);
      const { taskId } = await taskWithSnapshot(world, { title: 'Off kata' });
      const list = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/rehearsals`), 200);
      expect(list.serverRehearsals).toBe('off');
      const refused = await world.navigator.post(`/api/tasks/${taskId}/rehearsals`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/SERVER_REHEARSALS=off.*pairwise rehearse/);
    } finally {
      await server.close();
    }
  });

  it('sandbox: the server refuses to start when no sandbox can be created, naming the setting', async () => {
    // A process limit too small for bwrap itself to fork: a real failure of the start-up probe.
    await expect(
      startTestServer('sqlite', {
        serverRehearsals: 'sandbox',
        rehearsalLimits: { memoryMib: 256, processes: 1, diskMib: 8 },
      }),
    ).rejects.toThrow(
      /SERVER_REHEARSALS=sandbox.*cannot create the rehearsal sandbox.*SERVER_REHEARSALS=off/s,
    );
  });

  it('unset: a server that cannot sandbox still starts, with server rehearsals off, never unsandboxed', async () => {
    const server = await startTestServer('sqlite', {
      serverRehearsals: 'sandbox-if-possible',
      rehearsalLimits: { memoryMib: 256, processes: 1, diskMib: 8 },
    });
    try {
      const world = await createWorld(server);
      const { taskId } = await taskWithSnapshot(world, { title: 'No sandbox kata' });
      const list = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/rehearsals`), 200);
      expect(list.serverRehearsals).toBe('off');
      const refused = await world.navigator.post(`/api/tasks/${taskId}/rehearsals`, {});
      expect(refused.status).toBe(409);
    } finally {
      await server.close();
    }
  });
});
