import { lookup } from 'node:dns/promises';
import { chmod } from 'node:fs/promises';
import net from 'node:net';

/**
 * The only way out of a rehearsal sandbox (docs/decisions/014): an HTTPS CONNECT proxy on a Unix
 * socket that is bound into the sandbox, where a small forwarder offers it on 127.0.0.1 as
 * HTTPS_PROXY. It lets through only hosts an admin listed (REHEARSAL_EGRESS_HOSTS), resolves each
 * name once and connects to that address, so DNS cannot swap in another; loopback, private,
 * link-local and other non-public addresses are refused even for a listed name.
 */

export interface EgressRule {
  /** `registry.npmjs.org`, or `*.example.com` for its subdomains. */
  host: string;
  port: number;
}

export type AddressCheck = (address: string) => boolean;

const HEADER_LIMIT = 8 * 1024;

/** Parses REHEARSAL_EGRESS_HOSTS: names (or `*.suffix`), each with an optional `:port` (443). */
export function parseEgressHosts(value: string): EgressRule[] | null {
  const rules: EgressRule[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const match = /^(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)+)(?::(\d{1,5}))?$/.exec(entry);
    if (!match) return null;
    const port = match[4] ? Number(match[4]) : 443;
    if (port < 1 || port > 65_535) return null;
    rules.push({ host: `${match[1] ?? ''}${match[2]}`, port });
  }
  return rules;
}

const blocked = new net.BlockList();
for (const [network, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, bits, 'ipv4');
}
for (const [network, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, bits, 'ipv6');
}

/** Whether an address is one no rehearsal may reach: loopback, private, link-local, reserved. */
export const isNonPublicAddress: AddressCheck = (address) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

export class EgressProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly rules: readonly EgressRule[],
    /** Tests on a machine without internet admit their own loopback listener here. */
    private readonly refused: AddressCheck = isNonPublicAddress,
  ) {
    this.server = net.createServer((client) => this.handle(client));
  }

  /** Listens on a Unix socket the sandbox's user may connect to. */
  async listen(socketPath: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socketPath, resolve);
    });
    await chmod(socketPath, 0o666);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  allows(host: string, port: number): boolean {
    const name = host.toLowerCase().replace(/\.$/, '');
    return this.rules.some((rule) =>
      rule.port !== port
        ? false
        : rule.host.startsWith('*.')
          ? name.endsWith(rule.host.slice(1)) && name.length > rule.host.length - 1
          : name === rule.host,
    );
  }

  private handle(client: net.Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > HEADER_LIMIT) this.refuse(client, 431, 'request header too large');
        return;
      }
      client.off('data', onData);
      client.pause();
      void this.connect(client, head.subarray(0, end).toString('latin1'), head.subarray(end + 4));
    };
    client.on('data', onData);
  }

  private async connect(client: net.Socket, header: string, rest: Buffer): Promise<void> {
    const match = /^CONNECT ([^\s:]+|\[[0-9a-f:.]+\]):(\d{1,5}) HTTP\/1\.[01]$/i.exec(
      header.split('\r\n')[0] ?? '',
    );
    if (!match) {
      this.refuse(client, 405, 'only HTTPS (CONNECT host:port) goes through the rehearsal proxy');
      return;
    }
    const host = match[1]!.replace(/^\[|\]$/g, '');
    const port = Number(match[2]);
    if (!this.allows(host, port)) {
      this.refuse(client, 403, `${host}:${port} is not in REHEARSAL_EGRESS_HOSTS`);
      return;
    }
    // Resolved once: the connection goes to the address checked, never to a second answer.
    const addresses = await lookup(host, { all: true }).catch(() => []);
    if (addresses.length === 0) {
      this.refuse(client, 502, `${host} could not be resolved`);
      return;
    }
    if (addresses.some(({ address }) => this.refused(address))) {
      this.refuse(client, 403, `${host} resolves to a loopback, private or reserved address`);
      return;
    }
    const upstream = net.connect({ host: addresses[0]!.address, port });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!client.destroyed && upstream.connecting)
        this.refuse(client, 502, `${host}:${port} did not answer`);
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
  }

  private refuse(client: net.Socket, status: number, reason: string): void {
    const text = `Pairwise rehearsal proxy: ${reason}\n`;
    client.end(
      `HTTP/1.1 ${status} Refused\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  }
}

/**
 * Runs inside the sandbox as the step's first process: offers the proxy's Unix socket on
 * 127.0.0.1:<port>, then runs the step's command and ends with it.
 */
export const FORWARDER_SOURCE = `'use strict';
const net = require('node:net');
const { spawn } = require('node:child_process');
const [socketPath, port, command] = process.argv.slice(2);
const server = net.createServer((client) => {
  const upstream = net.connect(socketPath);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.pipe(upstream).pipe(client);
});
server.listen(Number(port), '127.0.0.1', () => {
  const child = spawn('/bin/sh', ['-c', command], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code === null ? 128 + (signal === 'SIGKILL' ? 9 : 15) : code));
});
`;
