import { randomUUID } from 'node:crypto';
import { AppError } from '@pairwise/domain';

// Conservative dot-atom text: what every MTA and mail client accepts in a Message-ID.
const ID_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;

/**
 * A Message-ID in its header form, `<left@right>`.
 *
 * Give the same `key` (e.g. the outbox row id) on every attempt to send the same message:
 * a retry after a crash then carries the same Message-ID, so receiving systems and our
 * own logs can tell it is the same message and not a second one. A bare key gets `@domain`
 * appended; a full `<left@right>` or `left@right` is used as is.
 */
export function messageIdFor(key: string | undefined, domain: string): string {
  const value = (key ?? randomUUID()).trim().replace(/^<(.*)>$/, '$1');
  const [left, right, ...rest] = value.includes('@') ? value.split('@') : [value, domain];
  if (rest.length > 0 || !left || !right || !ID_PART.test(left) || !ID_PART.test(right)) {
    throw new AppError('invalid_request', 'A message id may only use letters, digits and -._ and one @.', {
      messageId: 'Invalid message id.',
    });
  }
  return `<${left}@${right}>`;
}

/** The domain part of an address such as `Pairwise <interviews@example.com>`. */
export function domainOf(address: string): string {
  const match = /@([^\s>@]+)>?\s*$/.exec(address);
  return match?.[1]?.toLowerCase() ?? 'pairwise.invalid';
}
