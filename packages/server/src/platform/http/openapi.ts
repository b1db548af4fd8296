import { z } from 'zod';
import type { RegisteredRoute } from './route.ts';

/** OpenAPI 3.1 built from the same zod schemas that validate requests, so the two cannot drift. */
export function buildOpenApi(routes: RegisteredRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const parameters = [...pathParameters(route), ...queryParameters(route)];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      security: route.access === 'anonymous' ? [] : [{ session: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'OK',
          content: { 'application/json': { schema: toSchema(route.response, 'output') } },
        },
        default: { description: 'Error: {code, message, fields?}' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Pairwise API', version: '0.1.0' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pw_session' } } },
    paths,
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}

function pathParameters(route: RegisteredRoute) {
  return [...route.url.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function queryParameters(route: RegisteredRoute) {
  if (!route.query) return [];
  const json = toSchema(route.query, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema,
  }));
}
