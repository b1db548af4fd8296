import { createHash } from 'node:crypto';

/**
 * imapflow and mailparser weigh about 19 MB of a server's memory and are used only when
 * REPLY_IMAP_URL is set, by a job: they load at its first poll, not at start.
 */
const mailLibraries = () => Promise.all([import('imapflow'), import('mailparser')]);

/** REPLY_IMAP_URL read once: imap:// (STARTTLS when offered) or imaps://, the folder as its path. */
export interface MailboxSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
}

export function parseMailboxUrl(value: string): MailboxSettings {
  const url = new URL(value);
  const secure = url.protocol === 'imaps:';
  const folder = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    folder,
  };
}

/** Where the reader stopped: UIDs are only comparable within one UIDVALIDITY. */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export interface MailboxMessage {
  uid: number;
  /** The Message-ID, or a hash of the whole message when it has none: the key that stops a second apply. */
  key: string;
  /** The iCalendar objects the message carries (inline text/calendar or .ics attachments). */
  calendars: string[];
}

/**
 * Reads the messages after the cursor from the reply mailbox. The connection lasts one poll:
 * replies are rare, and a long-lived IDLE connection would need reconnect logic for no gain.
 */
export async function readNewMessages(
  settings: MailboxSettings,
  cursor: MailboxCursor | undefined,
): Promise<{ cursor: MailboxCursor; messages: MailboxMessage[] }> {
  const [{ ImapFlow }, { simpleParser }] = await mailLibraries();
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.folder);
    try {
      const mailbox = client.mailbox;
      const uidValidity = String(mailbox ? mailbox.uidValidity : 0);
      // A new UIDVALIDITY renumbers the folder: read it again; the message keys skip what was applied.
      const after = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
      const raw: Array<{ uid: number; source: Buffer }> = [];
      if (mailbox && mailbox.exists > 0) {
        for await (const message of client.fetch(
          `${after + 1}:*`,
          { uid: true, source: true },
          { uid: true },
        )) {
          // "n:*" always returns the newest message, even when its UID is below n.
          if (message.uid > after && message.source) raw.push({ uid: message.uid, source: message.source });
        }
      }
      const messages = await Promise.all(
        raw.map(({ uid, source }) => parseMessage(simpleParser, uid, source)),
      );
      messages.sort((a, b) => a.uid - b.uid);
      return { cursor: { uidValidity, lastUid: messages.at(-1)?.uid ?? after }, messages };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function parseMessage(
  simpleParser: typeof import('mailparser').simpleParser,
  uid: number,
  source: Buffer,
): Promise<MailboxMessage> {
  const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true });
  const calendars = parsed.attachments
    .filter(
      (part) =>
        /^(text\/calendar|application\/ics)$/i.test(part.contentType) || /\.ics$/i.test(part.filename ?? ''),
    )
    .map((part) => part.content.toString('utf8'));
  const key = parsed.messageId?.trim() || `sha256:${createHash('sha256').update(source).digest('hex')}`;
  return { uid, key, calendars };
}
