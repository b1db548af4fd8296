import type { FastifyRequest } from 'fastify';

// Paths whose last segment is a bearer secret: the candidate portal (page and API) and calendar feeds.
const SECRET_PATHS = /^(\/p\/|\/api\/portal\/|\/calendar\/)[^/?#]+/;

// The provider's answer carries an authorization code (and state) in the query.
const SECRET_QUERIES = /^(\/api\/auth\/oidc\/callback)\?.*/;

/** The URL as logs may keep it: a link that opens someone's portal or calendar never lands in a log file. */
export function redactSecretUrl(url: string): string {
  return url
    .replace(SECRET_PATHS, (_match, prefix: string) => `${prefix}[redacted]`)
    .replace(SECRET_QUERIES, (_match, path: string) => `${path}?[redacted]`);
}

/** Fastify's default request serializer, with the secret part of the URL removed. */
export function redactedRequestLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactSecretUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
