import type { UserRole } from '@pairwise/domain';

/** The signed-in person a request acts for; services take it, so authorization cannot be skipped. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: UserRole[];
  sessionTokenHash: string;
}

export const hasRole = (actor: Actor, role: UserRole) => actor.roles.includes(role);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
