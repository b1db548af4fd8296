import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '@pairwise/domain';
import { allowedByAdmin, isPublicAddress } from '../task-snapshots/git-destination.ts';

/**
 * Where a webhook may be sent: the same rule as git imports. Loopback, link-local and private
 * addresses are refused unless WEBHOOK_ALLOW_HOSTS lists them, or an admin (or a stolen admin
 * token) could make the server call its own admin ports or a cloud metadata service.
 */
export interface WebhookNetworkPolicy {
  allowed: readonly string[];
}

const notAllowed = (host: string) =>
  new AppError(
    'invalid_request',
    `${host} leads to a loopback, link-local or private address, which webhooks may not reach. An operator can allow it with WEBHOOK_ALLOW_HOSTS.`,
    { url: 'Not a public address.' },
  );

function permitted(host: string, address: string, policy: WebhookNetworkPolicy): boolean {
  return isPublicAddress(address) || allowedByAdmin(host, address, policy.allowed);
}

/** At registration: the URL's host must resolve, and only to addresses webhooks may reach. */
export async function checkWebhookUrl(url: string, policy: WebhookNetworkPolicy): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('invalid_request', 'This is not a URL.', { url: 'Not a URL.' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('invalid_request', 'Webhooks are sent over http:// or https:// only.', {
      url: 'Use an https:// URL.',
    });
  }
  if (parsed.username || parsed.password) {
    throw new AppError(
      'invalid_request',
      'Put no credentials in the URL: deliveries are signed, the receiver checks the signature.',
      { url: 'Remove the user name and password.' },
    );
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host)
      ? [host]
      : (await dnsLookupAll(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw new AppError('invalid_request', `${host} could not be resolved.`, { url: 'Unknown host.' });
  }
  for (const address of addresses) if (!permitted(host, address, policy)) throw notAllowed(host);
}

/**
 * A `lookup` for node's http(s) agent that refuses a forbidden address at connection time, so a
 * host that answered a public address at registration cannot be re-pointed at a private one later
 * (DNS rebinding): the address checked is the address connected to.
 */
export function checkedLookup(policy: WebhookNetworkPolicy) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((entry) => !permitted(hostname, entry.address, policy));
      if (refused || addresses.length === 0) {
        return callback(
          new Error(`${hostname} resolves to ${refused?.address ?? 'nothing'}, which webhooks may not reach`),
          '',
        );
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
