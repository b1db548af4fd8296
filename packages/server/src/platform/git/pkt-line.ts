import type { Readable } from 'node:stream';
import { replaceControlCharacters } from './git-http-request.ts';

/**
 * Just enough of git's pkt-line protocol to refuse a request in words the git client prints,
 * instead of an HTTP status it reports as a bare "RPC failed" or "unable to access".
 */

export const FLUSH_PKT = Buffer.from('0000');
const MAX_PKT_PAYLOAD = 65516;
const SIDEBAND_PAYLOAD = 65515;

export function pktLine(payload: string | Buffer): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (data.length > MAX_PKT_PAYLOAD) throw new RangeError('pkt-line payload too long');
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
}

/** One line, printable, bounded: the reason is shown verbatim in the candidate's terminal. */
export function sanitizeReason(reason: string): string {
  const line = replaceControlCharacters(reason, ' ').replace(/ {2,}/g, ' ').trim();
  const bounded = line.length > 500 ? `${line.slice(0, 497)}...` : line;
  return bounded || 'Access refused.';
}

/** git dies with `fatal: remote error: <reason>` on an ERR packet, in the ref advertisement or a fetch response. */
export function errPacket(reason: string): Buffer {
  return pktLine(`ERR ${sanitizeReason(reason)}\n`);
}

export interface ReceivePackCommands {
  refs: string[];
  capabilities: Set<string>;
}

/**
 * Reads the command list at the start of a receive-pack request (up to the first flush).
 * Returns null when the body is not a command list: a malformed body, or one longer than
 * `limit`. The probe git sends before a large push is an empty list. Leaves the rest unread.
 */
export function readReceivePackCommands(
  stream: Readable,
  limit = 1024 * 1024,
): Promise<ReceivePackCommands | null> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    const finish = (result: ReceivePackCommands | null) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onEnd);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const parsed = parseCommands(buffered);
      if (parsed !== 'incomplete') return finish(parsed);
      if (buffered.length > limit) finish(null);
    };
    const onEnd = () => {
      const parsed = parseCommands(buffered);
      finish(parsed === 'incomplete' ? null : parsed);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onEnd);
  });
}

export function parseCommands(data: Buffer): ReceivePackCommands | null | 'incomplete' {
  const refs: string[] = [];
  const capabilities = new Set<string>();
  let offset = 0;
  while (offset + 4 <= data.length) {
    const length = Number.parseInt(data.subarray(offset, offset + 4).toString('latin1'), 16);
    if (Number.isNaN(length) || (length > 0 && length < 4)) return null;
    // A flush with no commands is git's 4-byte probe before a large (chunked) push.
    if (length === 0) return { refs, capabilities };
    if (offset + length > data.length) return 'incomplete';
    let line = data.subarray(offset + 4, offset + length).toString('utf8');
    offset += length;
    line = line.replace(/\n$/, '');
    const nul = line.indexOf('\0');
    if (nul >= 0) {
      for (const capability of line.slice(nul + 1).split(' ')) capabilities.add(capability);
      line = line.slice(0, nul);
    }
    if (line.startsWith('shallow ')) continue;
    const match = /^[0-9a-f]{40,64} [0-9a-f]{40,64} (\S+)$/.exec(line);
    if (!match?.[1]) return null;
    refs.push(match[1]);
  }
  return 'incomplete';
}

/**
 * A receive-pack result that refuses every ref: git prints `remote: <reason>` (side band 2,
 * like a hook's output) and `! [remote rejected] <ref> (<reason>)` from the status report.
 */
export function receivePackRefusal(commands: ReceivePackCommands, reason: string): Buffer {
  const text = sanitizeReason(reason);
  const caps = commands.capabilities;
  const sideband = caps.has('side-band-64k') || caps.has('side-band');
  const report = caps.has('report-status') || caps.has('report-status-v2');
  const status = report
    ? Buffer.concat([
        pktLine('unpack ok\n'),
        ...commands.refs.map((ref) => pktLine(`ng ${ref} ${text}\n`)),
        FLUSH_PKT,
      ])
    : Buffer.alloc(0);
  if (!sideband) return report ? status : errPacket(text);
  const chunkSize = caps.has('side-band-64k') ? SIDEBAND_PAYLOAD : 999;
  const parts = [pktLine(Buffer.concat([Buffer.from([2]), Buffer.from(`${text}\n`, 'utf8')]))];
  for (let start = 0; start < status.length; start += chunkSize) {
    parts.push(pktLine(Buffer.concat([Buffer.from([1]), status.subarray(start, start + chunkSize)])));
  }
  parts.push(FLUSH_PKT);
  return Buffer.concat(parts);
}
