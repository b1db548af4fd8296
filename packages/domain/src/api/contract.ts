import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route as both ends see it. The server implements it (`implement` in
 * `platform/http/route.ts`) and the web calls it (`call` in `lib/api-client.ts`), so a changed
 * path, input or answer is a compile error on both sides instead of a surprise at run time.
 */
export interface Contract {
  method: HttpMethod;
  /** Fastify's syntax, `/api/positions/:id`; the web fills `:id` from `params`. */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** The success status when it is not 200. */
  status?: number;
}

/** Keeps the literal types of a contract (method, path, schemas) for both ends to read. */
export function contract<const C extends Contract>(spec: C): C {
  return spec;
}

type Empty = Record<string, never>;

/** What the server's handler receives, after the schema has parsed (and coerced) the input. */
export type ParamsOf<C extends Contract> = C extends { params: infer S extends z.ZodType }
  ? z.output<S>
  : Empty;
export type QueryOf<C extends Contract> = C extends { query: infer S extends z.ZodType }
  ? z.output<S>
  : Empty;
export type BodyOf<C extends Contract> = C extends { body: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What the server's handler must return: the response schema's input, so a wrong shape does not compile. */
export type ResponseInput<C extends Contract> = z.input<C['response']>;
/** What a client reads back, as JSON. */
export type ResponseOf<C extends Contract> = z.output<C['response']>;

/** What a client sends: only the parts the contract declares, each as its schema accepts it. */
export type CallInput<C extends Contract> = (C extends { params: infer S extends z.ZodType }
  ? { params: z.input<S> }
  : { params?: never }) &
  (C extends { query: infer S extends z.ZodType } ? { query?: z.input<S> } : { query?: never }) &
  (C extends { body: infer S extends z.ZodType } ? { body: z.input<S> } : { body?: never });

/** The path with its `:name` segments filled from `params`, each encoded. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null)
      throw new Error(`Missing path parameter "${name}" for ${path}.`);
    return encodeURIComponent(String(value));
  });
}

/** A query string as Fastify's parser reads it back: absent values left out, arrays repeated. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
