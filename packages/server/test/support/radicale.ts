import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestFolder, removeTestFolder, spawnInTestFolder } from './test-process.ts';

/*
 * A real CalDAV server for tests: Debian's Radicale, started in the test's own folder on a free
 * loopback port with htpasswd accounts, so a wrong app password is refused the way a real
 * calendar refuses it. `.ci/run` installs it; elsewhere the tests that need it skip and say why.
 */

// Debian's radicale installs for Debian's own Python (a python3 earlier on PATH may not see it).
const PYTHON = '/usr/bin/python3';
const MODULE = '/usr/lib/python3/dist-packages/radicale/__init__.py';

/** Why Radicale cannot run here, or null when it can. */
export function radicaleMissing(): string | null {
  if (!existsSync(PYTHON) || !existsSync(MODULE)) {
    return `Radicale is not installed (${MODULE} is missing); install Debian's radicale package, as .ci/run does.`;
  }
  return null;
}

export interface Radicale {
  /** The server's root, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Creates a calendar collection for the user and answers its address. */
  createCalendar(user: string, slug: string, displayName: string): Promise<string>;
  /** Stores one iCalendar object at `<calendar>/<uid>.ics`, as another client would. */
  putEvent(user: string, calendarUrl: string, uid: string, icalendar: string): Promise<void>;
  /** Reads the object at `<calendar>/<uid>.ics`, or null when it is not there. */
  getEvent(user: string, calendarUrl: string, uid: string): Promise<string | null>;
  /** Stops the server answering (SIGSTOP): it still accepts connections but never replies. */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

/** Starts Radicale with these accounts (username → password) and waits until it says it is ready. */
export async function startRadicale(accounts: Record<string, string>): Promise<Radicale> {
  const folder = await createTestFolder('radicale');
  const users = path.join(folder, 'users');
  await writeFile(
    users,
    Object.entries(accounts)
      .map(([user, password]) => `${user}:${password}\n`)
      .join(''),
  );
  const config = path.join(folder, 'config');
  await writeFile(
    config,
    [
      '[server]',
      // Port 0: the system picks a free one and Radicale logs it ("Listening on '[127.0.0.1]:port'").
      // A port chosen here and bound later could be taken by another test in between.
      'hosts = 127.0.0.1:0',
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${users}`,
      'htpasswd_encryption = plain',
      // Radicale waits after a failed login by default; tests of a wrong password need no pause.
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${path.join(folder, 'collections')}`,
      '[logging]',
      'level = info',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawnInTestFolder(PYTHON, ['-m', 'radicale', '--config', config], {
    cwd: folder,
    env: { PATH: '/usr/bin:/bin', HOME: folder, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /Listening on '\[127\.0\.0\.1\]:(\d+)'/.exec(output);
      if (listening && output.includes('Radicale server ready')) resolve(Number(listening[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`Radicale exited (${code}) before it was ready:\n${output}`)),
    );
  });

  const url = `http://127.0.0.1:${port}/`;
  const auth = (user: string) => ({
    authorization: `Basic ${Buffer.from(`${user}:${accounts[user]}`).toString('base64')}`,
  });
  const eventUrl = (calendarUrl: string, uid: string) =>
    new URL(`${encodeURIComponent(uid)}.ics`, calendarUrl).toString();
  return {
    url,
    async createCalendar(user, slug, displayName) {
      const calendarUrl = new URL(`${user}/${slug}/`, url).toString();
      const response = await fetch(calendarUrl, {
        method: 'MKCALENDAR',
        headers: { ...auth(user), 'content-type': 'application/xml; charset=utf-8' },
        body: `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop>
    <D:displayname>${displayName}</D:displayname>
    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>`,
      });
      if (response.status !== 201) throw new Error(`MKCALENDAR answered ${response.status}`);
      return calendarUrl;
    },
    async putEvent(user, calendarUrl, uid, icalendar) {
      const response = await fetch(eventUrl(calendarUrl, uid), {
        method: 'PUT',
        headers: { ...auth(user), 'content-type': 'text/calendar; charset=utf-8' },
        body: icalendar,
      });
      if (!response.ok) throw new Error(`PUT answered ${response.status}: ${await response.text()}`);
    },
    async getEvent(user, calendarUrl, uid) {
      const response = await fetch(eventUrl(calendarUrl, uid), { headers: auth(user) });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`GET answered ${response.status}`);
      return response.text();
    },
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    async close() {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited;
      await removeTestFolder(folder);
    },
  };
}

/** A plain event, in UTC, as a colleague's calendar client would store it. */
export function busyEvent(uid: string, startsAt: string, endsAt: string, summary = 'Busy'): string {
  const stamp = (iso: string) => `${iso.replace(/[-:]/g, '').slice(0, 15)}Z`;
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pairwise tests//Radicale//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(startsAt)}`,
    `DTSTART:${stamp(startsAt)}`,
    `DTEND:${stamp(endsAt)}`,
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
