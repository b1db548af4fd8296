import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { leafParts, type MimePart, parseMime } from './support/mime-parts.ts';

/** A message the sink accepted (answered 250 to): what a real recipient would get. */
export interface Accepted {
  to: string[];
  raw: string;
  message: MimePart;
  messageId: string;
  subject: string;
}

type DataHook = (raw: string, session: SMTPServerSession) => 'accept' | 'reject' | 'hold';

/**
 * A real SMTP server for tests (the `smtp-server` package), on a local port. It counts only
 * messages it accepted, so a message whose transfer was cut off is, as in real life, not delivered.
 */
export class SmtpSink {
  readonly accepted: Accepted[] = [];
  /** Decides per message; the default accepts everything. */
  onData: DataHook = () => 'accept';
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      secure: false,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const verdict = this.onData(raw, session);
          if (verdict === 'hold') return; // never answer: the sender waits, as on a stalled server
          if (verdict === 'reject') {
            const error = new Error('Try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          const message = parseMime(raw);
          this.accepted.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            message,
            messageId: message.headers.get('message-id') ?? '',
            subject: message.headers.get('subject') ?? '',
          });
          callback();
        });
      },
    });
    this.server.on('error', () => {});
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', () => resolve()));
    return (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): Accepted[] {
    return this.accepted.filter((m) => m.to.includes(address));
  }
}

export function calendarPartOf(message: MimePart): MimePart {
  const part = leafParts(message).find((p) => p.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  return part;
}

export function textPartOf(message: MimePart): string {
  return leafParts(message).find((p) => p.contentType === 'text/plain')?.body ?? '';
}
