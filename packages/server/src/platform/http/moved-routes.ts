import type { FastifyInstance } from 'fastify';
import type { HttpMethod } from './route.ts';

/** A route renamed: its old path answers for a release with a permanent redirect to the new one. */
export interface MovedRoute {
  method: HttpMethod;
  from: string;
  to: string;
}

/**
 * 308, not 301: clients repeat the same method with the same body at the new path, so a POST from
 * an older web app or script still arrives. The old paths are outside the registry on purpose:
 * they are not routes of their own, so OpenAPI and the authorization matrix list only the new.
 */
export function registerMovedRoutes(fastify: FastifyInstance, moved: readonly MovedRoute[]): void {
  for (const route of moved) {
    fastify.route({
      method: route.method,
      url: route.from,
      handler: async (request, reply) => {
        const query = request.url.indexOf('?');
        return reply.redirect(route.to + (query === -1 ? '' : request.url.slice(query)), 308);
      },
    });
  }
}
