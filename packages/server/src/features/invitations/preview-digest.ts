import { createHash } from 'node:crypto';
import { AppError, type MessagePreview } from '@pairwise/domain';

/** SHA-256 of what a person previewed: sending checks it, so what was read is what goes out. */
export function digestOf(preview: MessagePreview): string {
  return createHash('sha256')
    .update(JSON.stringify([preview.subject, preview.text, preview.html]))
    .digest('hex');
}

/** A change nobody is told about still has a digest, so sending always names what was looked at. */
export function digestOfMaybe(preview: MessagePreview | null): string {
  return digestOf(preview ?? { subject: '', text: '', html: '' });
}

export function requireDigest(preview: MessagePreview | null, previewDigest: string, what: string): void {
  if (digestOfMaybe(preview) !== previewDigest) {
    throw new AppError(
      'conflict',
      `The ${what} message changed since you previewed it (or was not previewed). Look at it again, then send.`,
      { previewDigest: 'Preview the message again.' },
    );
  }
}
