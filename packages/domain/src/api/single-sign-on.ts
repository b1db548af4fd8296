import { z } from 'zod';
import { id } from './common.ts';
import { contract } from './contract.ts';
import { userRoles } from './users.ts';

/** What the sign-in page offers: the provider's button, the password form, or both. */
export const signInOptions = z.object({ singleSignOn: z.boolean(), localPasswords: z.boolean() });
export type SignInOptions = z.infer<typeof signInOptions>;

export const groupRole = z.strictObject({
  group: z.string().trim().min(1, 'Name the group.').max(256),
  role: z.enum(userRoles),
});
export type GroupRole = z.infer<typeof groupRole>;

export const singleSignOnSettings = z.object({
  /** False when OIDC_ISSUER is unset: the mapping can be prepared, nobody can use it yet. */
  configured: z.boolean(),
  issuer: z.string().nullable(),
  groupsClaim: z.string(),
  groupRoles: z.array(groupRole),
  localPasswords: z.boolean(),
  breakGlassAdminId: id.nullable(),
});
export type SingleSignOnSettings = z.infer<typeof singleSignOnSettings>;

export const updateSingleSignOnSettings = z
  .strictObject({
    groupRoles: z.array(groupRole).max(200),
    localPasswords: z.boolean(),
    breakGlassAdminId: id.nullable(),
  })
  .refine((value) => value.localPasswords || value.breakGlassAdminId !== null, {
    message: 'Choose the one admin who keeps a password, in case the provider is unreachable.',
    path: ['breakGlassAdminId'],
  });
export type UpdateSingleSignOnSettings = z.infer<typeof updateSingleSignOnSettings>;

/** Where to go after signing in: a path on this server only, never another site. */
export const signInNext = z
  .string()
  .max(2_000)
  .regex(/^\/(?![/\\])[^\s]*$/, 'A path on this server such as /interviews.');

export const singleSignOnStartQuery = z.strictObject({ next: signInNext.optional() });

/** The provider's answer; providers add parameters of their own (iss, session_state), so not strict. */
export const singleSignOnCallbackQuery = z.object({
  code: z.string().max(4_096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2_000).optional(),
  iss: z.string().max(2_000).optional(),
});

/** Why a sign-in through the provider ended on the sign-in page; the page words each one. */
export const singleSignOnFailures = [
  'expired',
  'state',
  'nonce',
  'code',
  'provider',
  'unavailable',
  'no_group',
  'no_email',
  'email_taken',
  'disabled',
] as const;
export type SingleSignOnFailure = (typeof singleSignOnFailures)[number];

/**
 * The single sign-on routes the web calls with fetch. The provider's start and callback are
 * browser navigations answered with redirects, so they stay outside contracts (their routes
 * keep `defineRoute`).
 */
export const singleSignOnApi = {
  signInOptions: contract({ method: 'GET', path: '/api/auth/options', response: signInOptions }),
  settings: contract({ method: 'GET', path: '/api/admin/single-sign-on', response: singleSignOnSettings }),
  updateSettings: contract({
    method: 'PUT',
    path: '/api/admin/single-sign-on',
    body: updateSingleSignOnSettings,
    response: singleSignOnSettings,
  }),
};
