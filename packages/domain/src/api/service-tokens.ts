import { z } from 'zod';
import { id, idParams, ok } from './common.ts';
import { contract } from './contract.ts';
import type { ApiTokenScope } from './task-preparation.ts';

/**
 * What an organisation's token (an ATS, a reporting job) may be given. Not `cli` (rehearsals are a
 * person's) and not `admin`: a token no person owns is confined to the routes its scopes open.
 */
export const serviceTokenScopes = [
  'interviews:read',
  'interviews:plan',
  'candidates:manage',
  'reports:read',
] as const satisfies readonly ApiTokenScope[];
export type ServiceTokenScope = (typeof serviceTokenScopes)[number];

export const serviceToken = z.object({
  id,
  name: z.string(),
  scopes: z.array(z.enum(serviceTokenScopes)),
  /** The admin who created it; the token keeps working when they leave. */
  createdBy: z.string(),
  createdAt: z.string(),
  /** null: the token does not expire. */
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedFrom: z.string().nullable(),
});
export type ServiceToken = z.infer<typeof serviceToken>;
export const serviceTokenList = z.object({ tokens: z.array(serviceToken) });

export const createServiceTokenRequest = z.strictObject({
  name: z.string().trim().min(1, 'Name the system that will use it.').max(80),
  scopes: z
    .array(z.enum(serviceTokenScopes))
    .min(1, 'Choose at least one scope.')
    .max(serviceTokenScopes.length),
  /** null: never expires (allowed, but an expiry is the default). */
  expiresInDays: z.number().int().min(1).max(730).nullable().default(365),
});
export type CreateServiceTokenRequest = z.output<typeof createServiceTokenRequest>;
/** The token itself is shown once, in this answer. */
export const createdServiceToken = z.object({ token: z.string(), serviceToken });
export type CreatedServiceToken = z.infer<typeof createdServiceToken>;

/** The organisation's service tokens, implemented by the server's service-tokens feature (admin). */
export const serviceTokensApi = {
  list: contract({ method: 'GET', path: '/api/service-tokens', response: serviceTokenList }),
  create: contract({
    method: 'POST',
    path: '/api/service-tokens',
    status: 201,
    body: createServiceTokenRequest,
    response: createdServiceToken,
  }),
  revoke: contract({ method: 'DELETE', path: '/api/service-tokens/:id', params: idParams, response: ok }),
};
