/*
 * Set-up of the unit tier: a unit test that starts a process, opens a socket or writes a file
 * fails at once with the reason, instead of passing slowly and timing out under load. Such a
 * test belongs in the medium tier (`*.medium.test.ts`). Reading files stays allowed: loading
 * modules and their data (time zones, holidays, rule sets) is not I/O a test chose.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

function refuse(what: string): never {
  throw new Error(`A unit test may not ${what}: make it a *.medium.test.ts (see vitest.config.ts).`);
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  Object.assign(childProcess, { [name]: () => refuse(`start a process (child_process.${name})`) });
}
for (const name of [
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'mkdir',
  'mkdirSync',
  'mkdtemp',
  'mkdtempSync',
  'rm',
  'rmSync',
] as const) {
  Object.assign(fs, { [name]: () => refuse(`write to the file system (fs.${name})`) });
}
for (const name of ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm'] as const) {
  Object.assign(fs.promises, {
    [name]: async () => refuse(`write to the file system (fs.promises.${name})`),
  });
}
Object.assign(net, {
  connect: () => refuse('open a socket (net.connect)'),
  createConnection: () => refuse('open a socket (net.createConnection)'),
});
net.Server.prototype.listen = () => refuse('listen on a port (net.Server.listen)');
syncBuiltinESMExports();
