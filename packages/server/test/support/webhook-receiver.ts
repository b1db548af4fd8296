import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/features/webhooks/webhook-signature.ts';

export interface ReceivedWebhook {
  id: string;
  event: string;
  signature: string;
  rawBody: string;
  body: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
}

/**
 * A real HTTP receiver that does what the ATS recipe tells receivers to do: verify the signature
 * against its own clock (refusing a time more than five minutes off, which is how a replay is
 * refused), and accept each delivery id once. `failNext` makes it answer 503 to that many
 * verified deliveries first, for the retry tests.
 */
export async function startWebhookReceiver(options: { secret?: string; now: () => number }) {
  const state = {
    secret: options.secret ?? '',
    /** Verified and accepted, in arrival order; a repeated id is answered 200 but kept out. */
    accepted: [] as ReceivedWebhook[],
    repeated: [] as string[],
    refused: [] as Array<{ verdict: string; rawBody: string }>,
    failNext: 0,
  };
  const seen = new Set<string>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const signature = String(request.headers['pairwise-signature'] ?? '');
      const verdict = verifyWebhook(state.secret, signature, rawBody, Math.floor(options.now() / 1000));
      if (verdict !== 'ok') {
        state.refused.push({ verdict, rawBody });
        response.writeHead(400).end(verdict);
        return;
      }
      if (state.failNext > 0) {
        state.failNext--;
        response.writeHead(503).end('busy');
        return;
      }
      const id = String(request.headers['pairwise-webhook-id']);
      if (seen.has(id)) state.repeated.push(id);
      else {
        seen.add(id);
        state.accepted.push({
          id,
          event: String(request.headers['pairwise-event']),
          signature,
          rawBody,
          body: JSON.parse(rawBody),
        });
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}/hooks/pairwise`,
    /** Sends a request exactly as a recorded one, to show that a replay is refused. */
    replay: async (received: ReceivedWebhook) =>
      fetch(`http://127.0.0.1:${port}/hooks/pairwise`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'pairwise-signature': received.signature,
          'pairwise-webhook-id': received.id,
        },
        body: received.rawBody,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
