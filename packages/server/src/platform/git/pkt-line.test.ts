import { describe, expect, it } from 'vitest';
import { parseHeaders } from './cgi-response.ts';
import { parseBasicCredentials, sanitizeGitProtocol } from './git-http-request.ts';
import {
  errPacket,
  FLUSH_PKT,
  parseCommands,
  pktLine,
  receivePackRefusal,
  sanitizeReason,
} from './pkt-line.ts';

const zero = '0'.repeat(40);
const sha = 'b'.repeat(40);

describe('pkt-line', () => {
  it('frames payloads with their length in hex, header included', () => {
    expect(pktLine('ERR x\n').toString()).toBe('000aERR x\n');
    expect(errPacket('Closed.\nreally').toString()).toBe('0017ERR Closed. really\n');
  });

  it('reads the ref commands and capabilities at the start of a push', () => {
    const body = Buffer.concat([
      pktLine(`${zero} ${sha} refs/heads/main\0report-status side-band-64k agent=git/2.39\n`),
      pktLine(`${sha} ${zero} refs/heads/old\n`),
      FLUSH_PKT,
      Buffer.from('PACK...'),
    ]);
    const parsed = parseCommands(body);
    expect(parsed).toEqual({
      refs: ['refs/heads/main', 'refs/heads/old'],
      capabilities: new Set(['report-status', 'side-band-64k', 'agent=git/2.39']),
    });
    expect(parseCommands(body.subarray(0, 20))).toBe('incomplete');
    expect(parseCommands(FLUSH_PKT)).toEqual({ refs: [], capabilities: new Set() }); // git's probe
    expect(parseCommands(Buffer.from('zzzz'))).toBeNull();
  });

  it('refuses every ref in a side-band status report', () => {
    const refusal = receivePackRefusal(
      { refs: ['refs/heads/main'], capabilities: new Set(['report-status', 'side-band-64k']) },
      'Closed.',
    ).toString('latin1');
    expect(refusal).toBe(`000d\x02Closed.\n0036\x01000eunpack ok\n001fng refs/heads/main Closed.\n00000000`);
  });

  it('keeps reasons to one printable line', () => {
    expect(sanitizeReason('a\r\n\tb\u0007')).toBe('a b');
    expect(sanitizeReason('')).toBe('Access refused.');
    expect(sanitizeReason('x'.repeat(600))).toHaveLength(500);
  });
});

describe('HTTP details', () => {
  it('parses Basic credentials, password colons included', () => {
    const header = `Basic ${Buffer.from('user:pa:ss').toString('base64')}`;
    expect(parseBasicCredentials(header)).toEqual({ username: 'user', password: 'pa:ss' });
    expect(parseBasicCredentials(undefined)).toBeNull();
    expect(parseBasicCredentials('Bearer abc')).toBeNull();
    expect(parseBasicCredentials(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeNull();
    expect(parseBasicCredentials(`Basic ${Buffer.from(':pw').toString('base64')}`)).toBeNull();
    expect(parseBasicCredentials(`Basic ${Buffer.from('u:\npw').toString('base64')}`)).toBeNull();
  });

  it('passes on only a Git-Protocol header shaped like git sends it', () => {
    expect(sanitizeGitProtocol('version=2')).toBe('version=2');
    expect(sanitizeGitProtocol('version=2 ; rm -rf')).toBeNull();
    expect(sanitizeGitProtocol(undefined)).toBeNull();
  });

  it('parses CGI headers and drops framing ones', () => {
    expect(
      parseHeaders(
        'Status: 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nExpires: never',
      ),
    ).toEqual({ status: 403, headers: { 'content-type': 'text/plain', expires: 'never' } });
  });
});
