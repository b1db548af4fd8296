import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@pairwise/domain';
import { redactUrl } from './git-command.ts';

/**
 * Where a git URL import may connect. Loopback, link-local and private addresses are refused
 * unless an admin lists them (TASK_IMPORT_GIT_ALLOW): otherwise any interviewer could make the
 * server reach its own admin ports, a cloud metadata service or the office network.
 */
export interface GitNetworkPolicy {
  /** Addresses, CIDR ranges and host names allowed although they are not public. */
  allowed: readonly string[];
  /**
   * Resolves a host name to its addresses. Tests pass their own, because no DNS server that
   * answers differently on a second query can run here; the server uses the system resolver.
   */
  lookup?: (host: string) => Promise<string[]>;
}

/** A git command line that connects to the address checked here, not to a fresh lookup. */
export interface PinnedGitUrl {
  url: string;
  /** `-c name=value` pairs for git. */
  config: string[];
  env: Record<string, string>;
  /** True for network URLs: their failures are answered with one text (see unreachable). */
  network: boolean;
}

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: an IPv4 address behind a translator
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** IPv4 written as IPv6 (::ffff:127.0.0.1) is checked as the IPv4 address it is. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 4 ? 'ipv4' : 'ipv6' };
}

export function isPublicAddress(address: string): boolean {
  const { address: plain, family } = normalise(address);
  return !NOT_PUBLIC.check(plain, family);
}

export function allowedByAdmin(host: string, address: string, allowed: readonly string[]): boolean {
  const { address: plain, family } = normalise(address);
  for (const entry of allowed) {
    const [network, bits] = entry.split('/');
    if (network && isIP(network)) {
      const list = new BlockList();
      const entryFamily = isIP(network) === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) list.addAddress(network, entryFamily);
      else list.addSubnet(network, Number(bits), entryFamily);
      if (list.check(plain, family)) return true;
    } else if (entry.toLowerCase() === host.toLowerCase()) {
      return true;
    }
  }
  return false;
}

/** The one answer to every failure to reach or read a network repository. */
export function unreachable(shown: string): AppError {
  return new AppError(
    'unprocessable',
    `Could not get ${shown}. Check the URL and the branch, tag or commit, and that the repository can be read without a password from the server.`,
  );
}

type Parsed =
  | { kind: 'local' }
  | { kind: 'url'; scheme: string; host: string; port: string; parsed: URL }
  | { kind: 'scp'; user: string; host: string; path: string };

function parse(url: string): Parsed {
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):([^\s]+)$/.exec(url);
  if (scp) return { kind: 'scp', user: scp[1]!, host: scp[2]!, path: scp[3]! };
  const scheme = /^([a-z]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'file') return { kind: 'local' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('invalid_request', `"${redactUrl(url)}" is not a git repository URL.`, {
      'source.url': 'Not a URL.',
    });
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port || { http: '80', https: '443', git: '9418', ssh: '22' }[scheme] || '';
  return { kind: 'url', scheme, host, port, parsed };
}

/**
 * Resolves the URL's host once, refuses destinations that are not public unless allowed, and
 * returns a command line that makes git connect to exactly that address, so a second DNS
 * answer (rebinding) cannot send it elsewhere. HTTP redirects are not followed, for the same
 * reason. File URLs and server paths pass through; the service checks those against its roots.
 */
export async function pinGitDestination(url: string, policy: GitNetworkPolicy): Promise<PinnedGitUrl> {
  const target = parse(url);
  if (target.kind === 'local') return { url, config: [], env: {}, network: false };
  const shown = redactUrl(url);
  const lookup =
    policy.lookup ??
    (async (host: string) =>
      (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address));
  let addresses: string[];
  try {
    addresses = isIP(target.host) ? [target.host] : await lookup(target.host);
  } catch {
    throw unreachable(shown);
  }
  if (addresses.length === 0) throw unreachable(shown);
  for (const address of addresses) {
    if (!isPublicAddress(address) && !allowedByAdmin(target.host, address, policy.allowed)) {
      throw new AppError(
        'invalid_request',
        `${shown} leads to a loopback, link-local or private address, which imports may not reach. An admin can allow it with TASK_IMPORT_GIT_ALLOW.`,
        { 'source.url': 'Not a public address.' },
      );
    }
  }
  const address = addresses[0]!;
  const literal = isIP(address) === 6 ? `[${address}]` : address;
  if (target.kind === 'scp') {
    return {
      url: `${target.user}@${literal}:${target.path}`,
      config: [],
      env: { GIT_SSH_COMMAND: `ssh -o BatchMode=yes -o HostKeyAlias=${target.host}` },
      network: true,
    };
  }
  if (target.scheme === 'http' || target.scheme === 'https') {
    // The name stays in the URL for TLS and virtual hosts; curl is told where it lives.
    const config = ['http.followRedirects=false'];
    if (!isIP(target.host)) config.push(`http.curloptResolve=${target.host}:${target.port}:${literal}`);
    return { url, config, env: {}, network: true };
  }
  const pinned = new URL(target.parsed.href);
  pinned.hostname = literal;
  return {
    url: pinned.href,
    config: [],
    env:
      target.scheme === 'ssh'
        ? { GIT_SSH_COMMAND: `ssh -o BatchMode=yes -o HostKeyAlias=${target.host}` }
        : {},
    network: true,
  };
}
