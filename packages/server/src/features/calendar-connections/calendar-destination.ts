import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '@pairwise/domain';
import { allowedByAdmin, isPublicAddress } from '../task-snapshots/git-destination.ts';

/**
 * Where a calendar connection may point: the git-import rule. Any staff member types this
 * address and the server fetches it, so loopback, link-local and private addresses are refused
 * unless CALENDAR_ALLOW_HOSTS lists them; otherwise a person could make the server probe its own
 * admin ports or a cloud metadata service and read the answer back through the error shown.
 */
export async function checkCalendarUrl(url: string, allowed: readonly string[]): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('unprocessable', 'This is not a URL.', { serverUrl: 'Not a URL.' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('unprocessable', 'Calendars are reached over https:// (or http://) only.', {
      serverUrl: 'Use an https:// address.',
    });
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    throw new AppError('unprocessable', `${host} could not be found.`, { serverUrl: 'Unknown host.' });
  }
  for (const address of addresses) {
    if (!isPublicAddress(address) && !allowedByAdmin(host, address, allowed)) {
      throw new AppError(
        'unprocessable',
        `${host} leads to a loopback, link-local or private address, which calendar connections may not reach. An operator can allow it with CALENDAR_ALLOW_HOSTS.`,
        { serverUrl: 'Not a public address.' },
      );
    }
  }
}
