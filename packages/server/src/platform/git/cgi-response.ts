import { PassThrough, type Readable } from 'node:stream';

export interface CgiResponse {
  status: number;
  headers: Record<string, string>;
  /** The rest of the CGI output, streamed as it arrives. */
  body: Readable;
}

const MAX_HEADER_BYTES = 16 * 1024;
// Framing belongs to the connection between Node and the client, not to the CGI program.
const DROPPED_HEADERS = new Set([
  'status',
  'connection',
  'transfer-encoding',
  'content-length',
  'keep-alive',
]);

/**
 * Splits a CGI program's output into status, headers and a streamed body. Rejects when the
 * program ends (or sends 16 KiB) without a complete header block.
 */
export function readCgiResponse(output: Readable): Promise<CgiResponse> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const cleanup = () => {
      output.off('data', onData);
      output.off('end', onEnd);
      output.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = findHeaderEnd(head);
      if (!end) {
        if (head.length > MAX_HEADER_BYTES) {
          cleanup();
          reject(new Error('CGI response header block too large'));
        }
        return;
      }
      cleanup();
      output.pause();
      const { status, headers } = parseHeaders(head.subarray(0, end.headerEnd).toString('latin1'));
      const body = new PassThrough();
      const rest = head.subarray(end.bodyStart);
      if (rest.length > 0) body.write(rest);
      output.pipe(body);
      output.once('error', (error) => body.destroy(error));
      resolve({ status, headers, body });
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('CGI program ended without a complete header block'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    output.on('data', onData);
    output.once('end', onEnd);
    output.once('error', onError);
  });
}

function findHeaderEnd(data: Buffer): { headerEnd: number; bodyStart: number } | null {
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headerEnd: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { headerEnd: lf, bodyStart: lf + 2 };
  return null;
}

export function parseHeaders(block: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') {
      const code = Number.parseInt(value, 10);
      if (code >= 100 && code <= 599) status = code;
    } else if (!DROPPED_HEADERS.has(name) && /^[a-z0-9-]+$/.test(name)) {
      headers[name] = value;
    }
  }
  return { status, headers };
}
