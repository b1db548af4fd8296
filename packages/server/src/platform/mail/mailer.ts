import { AppError } from '@pairwise/domain';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { domainOf, messageIdFor } from './message-id.ts';
import { parseSmtpUrl } from './smtp-url.ts';

export type MailAddress = string | { name?: string; address: string };
export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface OutgoingMail {
  /** The sender's display name (the organisation's); the address is always the configured From's. */
  fromName?: string;
  to: MailAddress | MailAddress[];
  cc?: MailAddress | MailAddress[];
  replyTo?: MailAddress;
  subject: string;
  /** Every message has a plain-text part. */
  text: string;
  html?: string;
  /**
   * The invite as built by `buildCalendarInvite`. Nodemailer turns it into both the
   * `text/calendar; method=…` alternative and an `.ics` attachment; do not attach it again.
   */
  icalEvent?: { method: CalendarMethod; content: string; filename?: string };
  /**
   * Idempotency key, e.g. the outbox row id: the same key always yields the same
   * Message-ID, so a send retried after a crash is recognisably the same message.
   */
  messageId?: string;
  /** Date header; defaults to the time of rendering. */
  date?: Date;
  headers?: Record<string, string>;
}

/** Exactly what goes over the wire, ready to store in an outbox row and to send later. */
export interface RenderedMail {
  /** Header form, `<left@right>`. */
  messageId: string;
  envelope: { from: string; to: string[] };
  subject: string;
  /** The RFC 822 source with CRLF line ends, every part (text, HTML, calendar) included. */
  raw: string;
}

export interface SendResult {
  messageId: string;
  /** True when an SMTP server accepted it; false when no SMTP is configured (outbox only). */
  delivered: boolean;
  accepted: string[];
  rejected: string[];
  /** The server's final reply, e.g. "250 OK: queued as …". */
  response?: string;
  rendered: RenderedMail;
}

export interface MailerOptions {
  /** From SMTP_URL; see smtp-url.ts for the format. Without it, messages are only rendered. */
  smtpUrl?: string | undefined;
  /** Default From. Wins over `?from=` in the URL; falls back to `Pairwise <pairwise@localhost>`. */
  from?: string | undefined;
  /** Right-hand side of generated Message-IDs; defaults to the From domain. */
  messageIdDomain?: string;
  /** Extra nodemailer pool options (timeouts, tls); the URL and pooling are set here. */
  smtpOptions?: Record<string, unknown>;
}

const DEFAULT_FROM = 'Pairwise <pairwise@localhost>';

function addressOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'address' in value)
    return String((value as { address: unknown }).address);
  return '';
}

function calendarMethodOf(content: string): string | undefined {
  return /^METHOD:([A-Z-]+)\r?$/m.exec(content)?.[1];
}

/**
 * Sends mail through one pooled SMTP transport, or, with no SMTP configured, only renders
 * it so the caller can keep it in the in-app outbox. In both modes `render` produces the
 * exact bytes, and `sendRendered` transmits those bytes unchanged: the outbox can store
 * the rendering first and send (or re-send after a crash) exactly what it stored.
 */
export class Mailer {
  readonly mode: 'smtp' | 'outbox';
  readonly from: string;
  /** Where mail goes, safe to log: no password. */
  readonly target: string;
  private readonly messageIdDomain: string;
  private readonly renderer: Transporter;
  private readonly smtp: Transporter | undefined;

  constructor(options: MailerOptions = {}) {
    const smtpUrl = options.smtpUrl?.trim() || undefined;
    const parsed = smtpUrl ? parseSmtpUrl(smtpUrl) : undefined;
    this.from = options.from?.trim() || parsed?.from || DEFAULT_FROM;
    this.messageIdDomain = options.messageIdDomain ?? domainOf(this.from);
    this.mode = parsed ? 'smtp' : 'outbox';
    this.target = parsed ? `${parsed.redacted} (pooled)` : 'in-app outbox (no SMTP configured)';
    // Content never comes from files or URLs; refuse them so a stray path cannot leak a file.
    const safety = { disableFileAccess: true, disableUrlAccess: true };
    this.renderer = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'windows',
      ...safety,
    });
    this.smtp = parsed
      ? nodemailer.createTransport({
          ...options.smtpOptions,
          url: parsed.transportUrl,
          pool: true,
          ...safety,
        })
      : undefined;
  }

  /** The bare address of the configured From, for a From with another display name. */
  get fromAddress(): string {
    return /<([^>]+)>\s*$/.exec(this.from)?.[1]?.trim() ?? this.from.trim();
  }

  /** SMTP_URL and MAIL_FROM from the environment. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
    return new Mailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  }

  /** The fully rendered message, identical to what `send` transmits. No network access. */
  async render(mail: OutgoingMail): Promise<RenderedMail> {
    const messageId = messageIdFor(mail.messageId, this.messageIdDomain);
    if (!mail.text.trim()) {
      throw new AppError('invalid_request', 'Every message needs a plain-text part.', { text: 'Required.' });
    }
    if (mail.icalEvent) {
      const inContent = calendarMethodOf(mail.icalEvent.content);
      // Clients act on the MIME method and the METHOD line; when they disagree, Outlook drops the invite.
      if (inContent !== mail.icalEvent.method) {
        throw new AppError(
          'invalid_request',
          `The calendar part says METHOD:${inContent ?? '(none)'}, not ${mail.icalEvent.method}.`,
        );
      }
    }
    const options: SendMailOptions = {
      from: mail.fromName ? { name: mail.fromName, address: this.fromAddress } : this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId,
      date: mail.date ?? new Date(),
      ...(mail.cc ? { cc: mail.cc } : {}),
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
      ...(mail.icalEvent
        ? {
            icalEvent: {
              method: mail.icalEvent.method,
              content: mail.icalEvent.content,
              filename:
                mail.icalEvent.filename ?? (mail.icalEvent.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics'),
            },
          }
        : {}),
    };
    const info = await this.renderer.sendMail(options);
    const envelope = { from: addressOf(info.envelope?.from), to: (info.envelope?.to ?? []).map(addressOf) };
    if (envelope.to.length === 0) {
      throw new AppError('invalid_request', 'The message has no valid recipient.', {
        to: 'No valid address.',
      });
    }
    const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '';
    return { messageId, envelope, subject: mail.subject, raw };
  }

  /** Renders and sends. Without SMTP, returns the rendering with `delivered: false`. */
  async send(mail: OutgoingMail): Promise<SendResult> {
    return this.sendRendered(await this.render(mail));
  }

  /** Sends a stored rendering byte for byte, e.g. when the outbox worker retries. */
  async sendRendered(rendered: RenderedMail): Promise<SendResult> {
    if (!this.smtp) {
      return { messageId: rendered.messageId, delivered: false, accepted: [], rejected: [], rendered };
    }
    const info = await this.smtp.sendMail({ envelope: rendered.envelope, raw: rendered.raw });
    const accepted = (info.accepted ?? []).map(addressOf);
    const rejected = (info.rejected ?? []).map(addressOf);
    return {
      messageId: rendered.messageId,
      delivered: accepted.length > 0,
      accepted,
      rejected,
      ...(typeof info.response === 'string' ? { response: info.response } : {}),
      rendered,
    };
  }

  /** Checks that the SMTP server is reachable and accepts our login; a no-op without SMTP. */
  async verify(): Promise<void> {
    if (this.smtp) await this.smtp.verify();
  }

  /** Closes pooled connections; call on shutdown. */
  close(): void {
    this.smtp?.close();
    this.renderer.close();
  }
}
