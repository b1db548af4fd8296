import { AppError, type ErrorBody, errorStatus } from '@pairwise/domain';
import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * The one edge where errors become HTTP. Domain errors keep their code; Fastify's own
 * request errors (bad JSON, oversized body, wrong content type) become the same shape, so a
 * client never has to parse two formats and bad input never surfaces as a 500.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(body(error.code, error.message, error.fields, error.details));
    }
    const fastifyError = error as FastifyError;
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(body('payload_too_large', 'The request body is too large.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(400).send(body('invalid_request', 'Send the request body as application/json.'));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.status(400).send(body('invalid_request', 'The request body is not valid JSON.'));
    }
    if (WRITERS_MET.has(String(fastifyError.code))) {
      // Nothing was written, so the same request can simply be sent again.
      return reply
        .status(errorStatus.busy)
        .header('retry-after', '1')
        .send(
          body(
            'busy',
            'Someone else was saving a change to the same records at that moment, so nothing was saved. Please try again.',
          ),
        );
    }
    if (fastifyError.statusCode === 429) {
      return reply.status(429).send(body('rate_limited', fastifyError.message));
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const message =
        fastifyError instanceof SyntaxError ? 'The request body is not valid JSON.' : fastifyError.message;
      return reply.status(400).send(body('invalid_request', message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on our side. It has been logged.'));
  });
}

/**
 * A write the database refused because another writer held the same rows: PostgreSQL undid the
 * transaction (deadlock_detected, serialization_failure), or SQLite stayed locked past the
 * connection's busy_timeout. Either way nothing of the request was saved.
 */
const WRITERS_MET = new Set(['40P01', '40001', 'SQLITE_BUSY']);

/** Unknown API paths answer JSON; other GETs get the single-page app's shell, when it is built. */
export function registerNotFound(app: FastifyInstance, appShell: Buffer | null): void {
  app.setNotFoundHandler((request, reply) => {
    if (appShell && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').send(appShell);
    }
    return reply
      .status(404)
      .send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}

function body(
  code: string,
  message: string,
  fields?: Record<string, string>,
  details?: Record<string, unknown>,
): ErrorBody {
  return { code, message, ...(fields ? { fields } : {}), ...(details ? { details } : {}) };
}
