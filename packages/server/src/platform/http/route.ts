import { Stream } from 'node:stream';
import {
  AppError,
  type BodyOf,
  type Contract,
  type ParamsOf,
  type QueryOf,
  type ResponseInput,
} from '@pairwise/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may reach the handler at all. Object-level rules (is this actor on this interview?) live
 * in each feature's policy and are enforced in its service.
 */
export type Access = 'anonymous' | 'signed_in';

export interface RouteContext<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface AnonymousContext<P, Q, B> extends Omit<RouteContext<P, Q, B>, 'actor'> {
  actor: Actor | null;
}

interface RouteBase<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  url: string;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /**
   * Requests per client address and time window (@fastify/rate-limit), for routes a stranger can
   * reach with a guessed secret, such as the candidate portal.
   */
  rateLimit?: { max: number; timeWindow: string };
}

/**
 * A route declared in the server alone: only answers that are not JSON (files, streams, redirects)
 * are still written this way; its handler returns what its response schema accepts all the same.
 */
export type RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> =
  | (RouteBase<P, Q, B, R> & {
      access: 'signed_in';
      handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R>>;
    })
  | (RouteBase<P, Q, B, R> & {
      access: 'anonymous';
      handler: (ctx: AnonymousContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R>>;
    });

/** Everything registered through `defineRoute`: the OpenAPI document and the authorization test read it. */
export type RegisteredRoute = RouteBase<z.ZodType, z.ZodType, z.ZodType> & { access: Access };

const empty = z.strictObject({});

/** What a route that answers a file (an archive, a download) returns: its bytes, described by media type. */
export const fileBytes = (mediaType: string) =>
  z.custom<Buffer>((value) => Buffer.isBuffer(value)).describe(mediaType);

// Without the `u` flag the pattern sees UTF-16 code units, so it can find a surrogate alone.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL cannot store U+0000 or half of a surrogate pair in text (it answers
 * `invalid byte sequence`), and SQLite would keep them only to break exports later. Every
 * string a client sends is checked here, before any schema, so every route refuses them alike
 * and names the field.
 */
export function findUnstorableText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value) ? path : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  // Objects from JSON, and the query parser's, which have a prototype of their own; a streamed
  // upload body is checked by its own importer.
  if (value !== null && typeof value === 'object') {
    if (value instanceof Stream || ArrayBuffer.isView(value)) return null;
    for (const [key, item] of Object.entries(value)) {
      if (findUnstorableText(key) !== null) return path;
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    const field = unstorable.length > 0 ? unstorable.join('.') : where;
    const message = 'Contains a character that cannot be stored (a NUL or an unpaired surrogate).';
    throw new AppError('invalid_request', `The ${where} is not valid. ${field}: ${message}`, {
      [field]: message,
    });
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : where;
    fields[key] ??=
      issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}.` : issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  throw new AppError('invalid_request', `The ${where} is not valid. ${summary}`, fields);
}

export function defineRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(spec: RouteSpec<P, Q, B, R>): RegisteredRoute & { handler: (ctx: never) => Promise<unknown> } {
  return spec as never;
}

/** How a feature implements a contract from `packages/domain/src/api`: who may call it, and what it does. */
export type Implementation<C extends Contract> = {
  summary: string;
  rateLimit?: { max: number; timeWindow: string };
} & (
  | {
      access: 'signed_in';
      handler: (ctx: RouteContext<ParamsOf<C>, QueryOf<C>, BodyOf<C>>) => Promise<ResponseInput<C>>;
    }
  | {
      access: 'anonymous';
      handler: (ctx: AnonymousContext<ParamsOf<C>, QueryOf<C>, BodyOf<C>>) => Promise<ResponseInput<C>>;
    }
);

/**
 * A route from its contract. The handler must return what the response schema accepts, so a
 * wrong shape is a compile error here, and the web's typed client reads the same contract.
 */
export function implement<C extends Contract>(
  contract: C,
  implementation: Implementation<C>,
): RegisteredRoute & { handler: (ctx: never) => Promise<unknown> } {
  return {
    method: contract.method,
    url: contract.path,
    params: contract.params,
    query: contract.query,
    body: contract.body,
    response: contract.response,
    status: contract.status,
    ...implementation,
  } as never;
}

/**
 * Test servers check every JSON answer against its route's response schema (the integration and
 * e2e tiers set this), so a handler that drifts from its contract fails the test that reached it
 * instead of a client at run time. Production skips the parse: the compiler already holds the shape.
 */
const checkResponses = process.env.PAIRWISE_CHECK_RESPONSES === '1';

function checkResponse(route: RegisteredRoute, result: unknown): void {
  if (result === undefined || result === null || result instanceof Stream || ArrayBuffer.isView(result))
    return;
  const parsed = route.response.safeParse(result);
  if (parsed.success) return;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`${route.method} ${route.url} answered outside its response schema: ${issues.join('; ')}`);
}

export function registerRoutes(
  app: FastifyInstance,
  registry: RegisteredRoute[],
  routes: Array<RegisteredRoute & { handler: (ctx: never) => Promise<unknown> }>,
): void {
  for (const route of routes) {
    registry.push(route);
    app.route({
      method: route.method,
      url: route.url,
      ...(route.rateLimit ? { config: { rateLimit: route.rateLimit } } : {}),
      handler: async (request, reply) => {
        const actor = request.actor;
        if (route.access === 'signed_in' && !actor) {
          throw new AppError('unauthenticated', 'Please sign in.');
        }
        const params = parseInput(route.params ?? empty, request.params, 'path');
        const query = parseInput(route.query ?? empty, request.query, 'query');
        const body = route.body ? parseInput(route.body, request.body, 'request body') : undefined;
        const handler = route.handler as (
          ctx: AnonymousContext<unknown, unknown, unknown>,
        ) => Promise<unknown>;
        const result = await handler({ actor, params, query, body, request, reply });
        if (checkResponses) checkResponse(route, result);
        if (route.status) reply.status(route.status);
        return result;
      },
    });
  }
}
