import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createTestFolder, removeTestFolder, spawnInTestFolder } from './test-process.ts';

export const DOVECOT = '/usr/sbin/dovecot';

/** Why a test needing Dovecot cannot run here, or null when it can (CI installs it). */
export const dovecotMissing = existsSync(DOVECOT)
  ? null
  : `Dovecot is not installed (${DOVECOT}); install dovecot-imapd to run the calendar-reply tests.`;

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port/INBOX, as REPLY_IMAP_URL takes it. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** uid and gid of "nobody" (from /etc/passwd), for a run as root, where Dovecot refuses to log in users as root. */
function unprivileged(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return { uid: Number(uid ?? 65534), gid: Number(gid ?? 65534) };
}

/**
 * A real IMAP server for one test file: Dovecot with its own configuration, a passwd-file user and
 * maildirs in a test folder, on a free port, with no TLS and no system configuration. Dovecot's
 * services all run as the user that starts it; under root (CI containers) that is "nobody",
 * since Dovecot will not run its login processes or mail access as root.
 */
export async function startDovecot(): Promise<Dovecot> {
  const folder = await createTestFolder('dovecot');
  const port = await freePort();
  const user = 'replies';
  const password = 'reply-mailbox-password';
  const root = process.getuid?.() === 0;
  const owner = root ? unprivileged() : { uid: process.getuid!(), gid: process.getgid!() };
  const names = root
    ? { user: 'nobody', group: readGroupName(owner.gid) }
    : { user: userName(owner.uid), group: readGroupName(owner.gid) };
  await mkdir(path.join(folder, 'run'));
  await mkdir(path.join(folder, 'mail'));
  await writeFile(path.join(folder, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const config = `
base_dir = ${folder}/run
state_dir = ${folder}/state
log_path = ${folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${names.user}
default_internal_user = ${names.user}
default_internal_group = ${names.group}
first_valid_uid = ${owner.uid}
first_valid_gid = ${owner.gid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${folder}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${folder}/home/%u
}
mail_location = maildir:${folder}/mail/%u
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth {
  user = ${names.user}
}
service auth-worker {
  user = ${names.user}
}
`;
  await writeFile(path.join(folder, 'dovecot.conf'), config);
  if (root) await chownTree(folder, owner);
  // -F: in the foreground, so the test owns the process and stops it by its pid.
  const child = spawnInTestFolder(DOVECOT, ['-F', '-c', path.join(folder, 'dovecot.conf')], {
    cwd: folder,
    env: { PATH: '/usr/sbin:/usr/bin:/bin' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(root ? owner : {}),
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForGreeting(port, exited, () => output, folder);
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    await removeTestFolder(folder);
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await removeTestFolder(folder);
    },
  };
}

function readGroupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? 'nogroup';
}

function userName(uid: number): string {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[2] === String(uid));
  return line?.split(':')[0] ?? 'nobody';
}

async function chownTree(folder: string, owner: { uid: number; gid: number }): Promise<void> {
  await chown(folder, owner.uid, owner.gid);
  for (const entry of ['run', 'mail', 'passwd', 'dovecot.conf']) {
    await chown(path.join(folder, entry), owner.uid, owner.gid);
  }
}

/** Connects until Dovecot greets ("* OK"); fails with its log when it exits first. */
async function waitForGreeting(
  port: number,
  exited: Promise<void>,
  output: () => string,
  folder: string,
): Promise<void> {
  let stopped = false;
  void exited.then(() => {
    stopped = true;
  });
  for (;;) {
    if (stopped) {
      const log = existsSync(path.join(folder, 'dovecot.log'))
        ? readFileSync(path.join(folder, 'dovecot.log'), 'utf8')
        : '';
      throw new Error(`Dovecot exited before it listened:\n${output()}\n${log}`);
    }
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (greeted) return;
    // The listener is not up yet: wait for the next turn of the loop, then try again.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
