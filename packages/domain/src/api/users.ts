import { z } from 'zod';
import { email, id, name } from './common.ts';

export const userRoles = ['admin', 'interviewer', 'line_manager'] as const;
export type UserRole = (typeof userRoles)[number];
export const userRoleLabels: Record<UserRole, string> = {
  admin: 'Admin',
  interviewer: 'Interviewer',
  line_manager: 'Line manager',
};

export const password = z.string().min(12, 'Use at least 12 characters.').max(200);

export const user = z.object({
  id,
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(userRoles)),
  active: z.boolean(),
  /**
   * Set while the user has not accepted their invitation: when its link stops working (it may be
   * past). Absent or null once they chose a password or signed in through single sign-on.
   */
  invitationExpiresAt: z.string().nullable().optional(),
});
export type User = z.infer<typeof user>;

/** First-run setup: whether the first admin still has to be created, and the form that creates them. */
export const firstRunSetupStatus = z.object({ needed: z.boolean() });
export const firstRunSetupRequest = z.strictObject({
  token: z.string().min(1).max(200),
  email,
  name,
  password,
});
export type FirstRunSetupRequest = z.infer<typeof firstRunSetupRequest>;

export const signInRequest = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
export type SignInRequest = z.infer<typeof signInRequest>;
export const sessionResponse = z.object({ user });

export const createUserRequest = z.strictObject({
  email,
  name,
  roles: z.array(z.enum(userRoles)).min(1, 'Choose at least one role.'),
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;
export const accountInvitationLink = z.object({
  invitationUrl: z.string(),
  expiresAt: z.string(),
  /** True when the link was mailed (SMTP_URL is set); otherwise the admin passes it on. */
  mailed: z.boolean(),
});
export type AccountInvitationLink = z.infer<typeof accountInvitationLink>;
export const createUserResponse = z.object({ user, ...accountInvitationLink.shape });
export type CreateUserResponse = z.infer<typeof createUserResponse>;

export const acceptAccountInvitationRequest = z.strictObject({ token: z.string().min(1).max(200), password });
export type AcceptAccountInvitationRequest = z.infer<typeof acceptAccountInvitationRequest>;

export const userList = z.object({
  users: z.array(user),
  /** Whether invitations are mailed here (SMTP_URL is set), so the invite form can say so. */
  invitationsMailed: z.boolean().optional(),
});
export type UserList = z.infer<typeof userList>;
