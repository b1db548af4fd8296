import { AppError, provisioningApi } from '@pairwise/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/actor.ts';
import { findUnstorableText, implement } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { PanelReassignment } from '../interviews/panel-reassignment.ts';
import { scimDiscovery } from './scim-discovery.ts';
import {
  parseEqualityFilter,
  parseScimBody,
  SCIM_ERROR_SCHEMA,
  SCIM_GROUP_SCHEMA,
  SCIM_LIST_SCHEMA,
  SCIM_USER_SCHEMA,
  ScimError,
  scimGroupBody,
  scimPatchBody,
  scimUserBody,
} from './scim-protocol.ts';
import type { ScimClient, ScimGroup, ScimService, ScimUser } from './service.ts';

export const SCIM_PREFIX = '/scim/v2';
const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
/** SCIM pages by position; a provider's import asks for 100 at a time. */
const DEFAULT_COUNT = 100;
const MAX_COUNT = 200;

declare module 'fastify' {
  interface FastifyRequest {
    scimClient: ScimClient | null;
  }
}

/** The admin's side: the SCIM base URL, its tokens (shown once), and interviews to reassign. */
export function provisioningRoutes(scim: ScimService, reassignment: PanelReassignment) {
  return [
    implement(provisioningApi.settings, {
      summary: 'SCIM provisioning: the base URL for the identity provider and its tokens (admin)',
      access: 'signed_in',
      handler: async ({ actor }) => scim.settings(actor),
    }),
    implement(provisioningApi.createToken, {
      summary: 'Create a SCIM token; its secret is in this answer only (admin; audited)',
      access: 'signed_in',
      handler: async ({ actor, body, request }) => scim.createToken(actor, body, request.ip),
    }),
    implement(provisioningApi.revokeToken, {
      summary: 'Revoke a SCIM token: the provider is refused from its next request (admin; audited)',
      access: 'signed_in',
      handler: async ({ actor, params, request }) => {
        await scim.revokeToken(actor, params.id, request.ip);
        return { ok: true as const };
      },
    }),
    implement(provisioningApi.interviewsToReassign, {
      summary: 'Interviews whose panel names a deactivated account while it still needs them (admin)',
      access: 'signed_in',
      handler: async ({ actor }) => {
        if (!hasRole(actor, 'admin')) throw new AppError('forbidden', 'Only an admin reassigns panels.');
        return { interviews: await reassignment.list() };
      },
    }),
  ];
}

const listQuery = z.object({
  filter: z.string().max(1000).optional(),
  // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0.
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
  excludedAttributes: z.string().max(500).optional(),
  attributes: z.string().max(500).optional(),
});
const resourceParams = z.object({ id: z.string().min(1).max(200) });
const resourceQuery = listQuery.pick({ excludedAttributes: true, attributes: true });

/**
 * SCIM 2.0 at /scim/v2, in its own Fastify scope: SCIM's media type, its error body
 * (`urn:ietf:params:scim:api:messages:2.0:Error` with `scimType`, plus Pairwise's `code`, `message`
 * and `fields`), and bearer tokens an admin made for provisioning. Session cookies open nothing here.
 */
export async function registerScimRoutes(
  fastify: FastifyInstance,
  scim: ScimService,
  audit: AuditLog,
  options: { bodyLimit: number; publicUrl: () => string },
): Promise<void> {
  const { bodyLimit } = options;
  fastify.decorateRequest('scimClient', null);
  await fastify.register(
    async (scope) => {
      scope.addContentTypeParser(
        ['application/scim+json', 'application/json'],
        { parseAs: 'string', bodyLimit },
        (_request, text, done) => {
          try {
            done(null, text === '' ? undefined : JSON.parse(text as string));
          } catch {
            done(new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax'), undefined);
          }
        },
      );
      scope.setErrorHandler((error: FastifyError | ScimError | AppError, request, reply) =>
        sendError(reply, request, error),
      );
      scope.setNotFoundHandler((request, reply) =>
        sendError(
          reply,
          request,
          new ScimError(404, `No SCIM endpoint ${request.method} ${request.url.split('?')[0]}.`),
        ),
      );
      scope.addHook('onSend', async (_request, reply, payload) => {
        if (typeof payload === 'string') reply.header('content-type', SCIM_CONTENT_TYPE);
        return payload;
      });
      scope.addHook('onRequest', async (request) => {
        if (isDiscovery(request.url)) return;
        const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
        const client = match ? await scim.authenticate(match[1]!, request.ip) : null;
        if (!client) {
          await audit.record({
            actor: null,
            actorLabel: 'SCIM',
            action: 'scim.refused',
            ip: request.ip,
            detail: {
              route: `${request.method} ${request.url.split('?')[0]}`,
              reason: match ? 'token' : 'none',
            },
          });
          throw new ScimError(401, 'A SCIM token is needed: Authorization: Bearer <token from Pairwise>.');
        }
        request.scimClient = client;
      });

      const base = () => `${options.publicUrl()}${SCIM_PREFIX}`;
      const client = (request: FastifyRequest) => request.scimClient!;
      const input = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
        const unstorable = findUnstorableText(value);
        if (unstorable) {
          throw new ScimError(
            400,
            `The ${where} contains a character that cannot be stored (a NUL or an unpaired surrogate).`,
            'invalidValue',
            { [unstorable.join('.') || where]: 'Cannot be stored.' },
          );
        }
        return parseScimBody(schema, value);
      };
      const page = (query: z.infer<typeof listQuery>) => {
        const startIndex = Math.max(1, query.startIndex ?? 1);
        const count = Math.min(MAX_COUNT, Math.max(0, query.count ?? DEFAULT_COUNT));
        return { startIndex, count };
      };
      const listResponse = (resources: unknown[], total: number, startIndex: number) => ({
        schemas: [SCIM_LIST_SCHEMA],
        totalResults: total,
        startIndex,
        itemsPerPage: resources.length,
        Resources: resources,
      });

      for (const [path, body] of Object.entries(scimDiscovery)) {
        scope.get(path, async (request) => body(base(), request.params as Record<string, string>));
      }

      scope.get('/Users', async (request) => {
        const query = input(listQuery, request.query, 'query');
        const { startIndex, count } = page(query);
        const filter = query.filter
          ? parseEqualityFilter(query.filter, ['userName', 'externalId', 'id'])
          : null;
        const { total, resources } = await scim.listUsers(filter, startIndex - 1, count);
        return listResponse(
          resources.map((user) => userResource(user, base())),
          total,
          startIndex,
        );
      });
      scope.get('/Users/:id', async (request) => {
        const { id } = input(resourceParams, request.params, 'path');
        input(resourceQuery, request.query, 'query');
        return userResource(await scim.getUser(id), base());
      });
      scope.post('/Users', async (request, reply) => {
        const body = input(scimUserBody, request.body, 'request body');
        const user = await scim.createUser(client(request), body);
        reply.status(201).header('location', `${base()}/Users/${user.id}`);
        return userResource(user, base());
      });
      scope.put('/Users/:id', async (request) => {
        const { id } = input(resourceParams, request.params, 'path');
        const body = input(scimUserBody, request.body, 'request body');
        return userResource(await scim.replaceUser(client(request), id, body), base());
      });
      scope.patch('/Users/:id', async (request) => {
        const { id } = input(resourceParams, request.params, 'path');
        const body = input(scimPatchBody, request.body, 'request body');
        return userResource(await scim.patchUser(client(request), id, body.Operations), base());
      });
      scope.delete('/Users/:id', async (request, reply) => {
        const { id } = input(resourceParams, request.params, 'path');
        await scim.deleteUser(client(request), id);
        return reply.status(204).send();
      });

      scope.get('/Groups', async (request) => {
        const query = input(listQuery, request.query, 'query');
        const { startIndex, count } = page(query);
        const filter = query.filter
          ? parseEqualityFilter(query.filter, ['displayName', 'externalId', 'id'])
          : null;
        const withMembers = !excludes(query, 'members');
        const { total, resources } = await scim.listGroups(filter, startIndex - 1, count, withMembers);
        return listResponse(
          resources.map((group) => groupResource(group, base(), withMembers)),
          total,
          startIndex,
        );
      });
      scope.get('/Groups/:id', async (request) => {
        const { id } = input(resourceParams, request.params, 'path');
        const query = input(resourceQuery, request.query, 'query');
        const withMembers = !excludes(query, 'members');
        return groupResource(await scim.getGroup(id, withMembers), base(), withMembers);
      });
      scope.post('/Groups', async (request, reply) => {
        const body = input(scimGroupBody, request.body, 'request body');
        const group = await scim.createGroup(client(request), body);
        reply.status(201).header('location', `${base()}/Groups/${group.id}`);
        return groupResource(group, base(), true);
      });
      scope.put('/Groups/:id', async (request) => {
        const { id } = input(resourceParams, request.params, 'path');
        const body = input(scimGroupBody, request.body, 'request body');
        return groupResource(await scim.replaceGroup(client(request), id, body), base(), true);
      });
      scope.patch('/Groups/:id', async (request) => {
        const { id } = input(resourceParams, request.params, 'path');
        const body = input(scimPatchBody, request.body, 'request body');
        return groupResource(await scim.patchGroup(client(request), id, body.Operations), base(), true);
      });
      scope.delete('/Groups/:id', async (request, reply) => {
        const { id } = input(resourceParams, request.params, 'path');
        await scim.deleteGroup(client(request), id);
        return reply.status(204).send();
      });
    },
    { prefix: SCIM_PREFIX },
  );
}

function isDiscovery(url: string): boolean {
  const path = url.split('?')[0]!.slice(SCIM_PREFIX.length);
  return /^\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/|$)/.test(path);
}

function excludes(query: { excludedAttributes?: string | undefined }, attribute: string): boolean {
  return (query.excludedAttributes ?? '').split(',').some((name) => name.trim().toLowerCase() === attribute);
}

function userResource(user: ScimUser, base: string) {
  return {
    schemas: [SCIM_USER_SCHEMA],
    id: user.id,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: user.userName,
    name: {
      formatted: user.displayName,
      ...(user.givenName ? { givenName: user.givenName } : {}),
      ...(user.familyName ? { familyName: user.familyName } : {}),
    },
    displayName: user.displayName,
    emails: [{ value: user.email, type: 'work', primary: true }],
    active: user.active,
    groups: user.groups.map((group) => ({
      value: group.id,
      display: group.displayName,
      $ref: `${base}/Groups/${group.id}`,
    })),
    meta: {
      resourceType: 'User',
      created: user.created,
      lastModified: user.lastModified,
      location: `${base}/Users/${user.id}`,
    },
  };
}

function groupResource(group: ScimGroup, base: string, withMembers: boolean) {
  return {
    schemas: [SCIM_GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(withMembers
      ? {
          members: group.members.map((member) => ({
            value: member.id,
            display: member.name,
            $ref: `${base}/Users/${member.id}`,
          })),
        }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.created,
      lastModified: group.lastModified,
      location: `${base}/Groups/${group.id}`,
    },
  };
}

const SCIM_TYPE_CODES: Record<number, AppError['code']> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
};

function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown) {
  let scimError: ScimError;
  if (error instanceof ScimError) scimError = error;
  else if (error instanceof AppError)
    scimError = new ScimError(error.status, error.message, undefined, error.fields);
  else {
    const fastifyError = error as FastifyError;
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      scimError = new ScimError(413, 'The request body is too large.');
    } else if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      scimError = new ScimError(400, 'Send the request body as application/scim+json.', 'invalidSyntax');
    } else if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      scimError = new ScimError(400, fastifyError.message, 'invalidSyntax');
    } else {
      request.log.error({ err: error }, 'unhandled SCIM error');
      scimError = new ScimError(500, 'Something went wrong on our side. It has been logged.');
    }
  }
  return reply
    .status(scimError.status)
    .header('content-type', SCIM_CONTENT_TYPE)
    .send({
      schemas: [SCIM_ERROR_SCHEMA],
      status: String(scimError.status),
      ...(scimError.scimType ? { scimType: scimError.scimType } : {}),
      detail: scimError.message,
      code: SCIM_TYPE_CODES[scimError.status] ?? 'internal',
      message: scimError.message,
      ...(scimError.fields ? { fields: scimError.fields } : {}),
    });
}
