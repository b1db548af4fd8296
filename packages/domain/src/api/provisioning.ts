import { z } from 'zod';
import { id, idParams, ok } from './common.ts';
import { contract } from './contract.ts';
import { panelSeatToReassign } from './interviews.ts';

/** A bearer token an identity provider provisions users and groups with over SCIM (never its secret). */
export const scimToken = z.object({
  id,
  label: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedFrom: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ScimToken = z.infer<typeof scimToken>;

export const provisioningSettings = z.object({
  /** The SCIM base URL to paste into the identity provider. */
  scimBaseUrl: z.string(),
  tokens: z.array(scimToken),
});
export type ProvisioningSettings = z.infer<typeof provisioningSettings>;

export const createScimTokenRequest = z.strictObject({
  label: z.string().trim().min(1, 'Name the token, e.g. after the identity provider.').max(100),
});
export type CreateScimTokenRequest = z.infer<typeof createScimTokenRequest>;

/** The secret is in this answer only; Pairwise keeps its hash. */
export const createdScimToken = z.object({ token: z.string(), scimToken });
export type CreatedScimToken = z.infer<typeof createdScimToken>;

/** An interview whose panel lost a member to deactivation while it still needs them. */
export const interviewToReassign = z.object({
  id,
  stage: z.string(),
  startsAt: z.string(),
  candidateName: z.string(),
  positionTitle: z.string(),
  members: z.array(panelSeatToReassign),
});
export type InterviewToReassign = z.infer<typeof interviewToReassign>;
export const interviewsToReassign = z.object({ interviews: z.array(interviewToReassign) });

/**
 * The admin's side of SCIM provisioning. SCIM itself (`/scim/v2`) answers in SCIM's media type
 * and error bodies from its own Fastify scope, outside contracts.
 */
export const provisioningApi = {
  settings: contract({ method: 'GET', path: '/api/admin/provisioning', response: provisioningSettings }),
  createToken: contract({
    method: 'POST',
    path: '/api/admin/provisioning/tokens',
    status: 201,
    body: createScimTokenRequest,
    response: createdScimToken,
  }),
  revokeToken: contract({
    method: 'DELETE',
    path: '/api/admin/provisioning/tokens/:id',
    params: idParams,
    response: ok,
  }),
  interviewsToReassign: contract({
    method: 'GET',
    path: '/api/admin/interviews-to-reassign',
    response: interviewsToReassign,
  }),
};
