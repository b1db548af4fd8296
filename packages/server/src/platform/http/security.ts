import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@pairwise/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browser-facing hardening in one place: security headers on every answer, and a cross-site
 * request forgery check on every state-changing API request.
 */
export async function registerSecurity(fastify: FastifyInstance, options: { publicUrl: string | null }) {
  const https = options.publicUrl?.startsWith('https:') ?? false;
  const headers = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // The Vite build loads only module scripts from /assets: no inline script, no eval.
        scriptSrc: ["'self'"],
        // React sets style attributes; styles cannot run code, so inline ones are allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // 'self' covers the live channel's same-origin WebSocket.
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain http (a laptop, a LAN) upgrading would break every asset.
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Only over https: a browser remembering HSTS for an http install would lock people out.
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // Downloads (reports, archives, CSV) are served to the same origin only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  fastify.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    // A WebSocket handshake is a GET, but the browser attaches the cookie to it from any site
    // and the channel then streams the interview: it is checked like a state change.
    if (!STATE_CHANGING.has(request.method) && !isWebSocketUpgrade(request)) return;
    if (!sameOrigin(request, options.publicUrl)) {
      throw new AppError('forbidden', 'This request came from another site and was refused.');
    }
  });
}

/**
 * The headers helmet sets, worked out once: they depend only on the options. @fastify/helmet built
 * helmet's middleware again on every request, parsing and checking the CSP each time, which was
 * a tenth of a note save's CPU; the answers carry the same headers.
 */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    // helmet removes X-Powered-By, which Fastify never sets.
    removeHeader: () => {},
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

function isWebSocketUpgrade(request: FastifyRequest): boolean {
  return request.headers.upgrade?.toLowerCase() === 'websocket';
}

/**
 * Browsers say where a request comes from (Sec-Fetch-Site, else Origin). A request without
 * either is not a browser's cross-site request (the CLI, git, curl), and those carry no cookies
 * a forged page could borrow. SameSite=Lax cookies and JSON-only bodies are the second layer.
 */
export function sameOrigin(request: FastifyRequest, publicUrl: string | null): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const allowed = new Set<string>();
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const host = request.headers.host;
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  return allowed.has(origin);
}
