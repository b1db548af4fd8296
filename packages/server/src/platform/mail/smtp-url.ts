import { AppError } from '@pairwise/domain';

/**
 * What `SMTP_URL` configures.
 *
 *   smtp://user:pass@mail.example.com:587?from=Pairwise%20%3Cinterviews%40example.com%3E
 *   smtps://user:pass@mail.example.com:465?from=interviews%40example.com
 *
 * - `smtp:` connects in plain text and upgrades with STARTTLS when the server offers it
 *   (add `requireTLS=true` to refuse servers that do not); `smtps:` is TLS from the start.
 * - `from` is Pairwise's own parameter: the default From of every message, percent-encoded.
 * - Every other query parameter is handed to nodemailer unchanged (e.g. `maxConnections=2`,
 *   `tls.rejectUnauthorized=false` for a self-signed relay, `requireTLS=true`).
 * - Credentials in the URL are percent-decoded, so `p%40ss` means `p@ss`.
 */
export interface SmtpUrlConfig {
  /** The URL nodemailer receives, without Pairwise's own parameters. */
  transportUrl: string;
  from: string | undefined;
  /** For logs and the admin page: host and user, never the password. */
  redacted: string;
}

export function parseSmtpUrl(smtpUrl: string): SmtpUrlConfig {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new AppError('invalid_request', 'SMTP_URL is not a valid URL.', {
      SMTP_URL: 'Expected smtp:// or smtps://',
    });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new AppError('invalid_request', 'SMTP_URL must start with smtp:// or smtps://.', {
      SMTP_URL: 'Expected smtp:// or smtps://',
    });
  }
  if (!url.hostname) {
    throw new AppError('invalid_request', 'SMTP_URL has no host.', { SMTP_URL: 'Add the mail server host.' });
  }
  const from = url.searchParams.get('from')?.trim() || undefined;
  url.searchParams.delete('from');
  const transportUrl = url.toString();

  const redactedUrl = new URL(transportUrl);
  redactedUrl.password = '';
  redactedUrl.search = '';
  return { transportUrl, from, redacted: redactedUrl.toString() };
}
