import { z } from 'zod';
import { id, isoDateTime, nextCursor, pageCursor, pageLimit } from './common.ts';
import { contract } from './contract.ts';
import { password, user } from './users.ts';

// The signed-in user's sessions and password, an admin disabling a user, and the audit log.

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: password,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;

export const accountSession = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  /** The session this request was made with. */
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSession>;
export const accountSessionList = z.object({ sessions: z.array(accountSession) });
export const accountSessionParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/) });
export const endedSessions = z.object({ ended: z.number().int() });

export const updateUserRequest = z.strictObject({ active: z.boolean() });
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;
export const updateUserResponse = z.object({ user });

export const auditQuery = z.strictObject({
  candidateId: id.optional(),
  userId: id.optional(),
  /** Inclusive bounds, ISO-8601 with offset. */
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  cursor: pageCursor(2).optional(),
  limit: pageLimit,
});
export type AuditQuery = z.infer<typeof auditQuery>;
export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  candidateId: z.string().nullable(),
  /** The candidate's name now ("Erased candidate" once erased). */
  candidateName: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditList = z.object({ entries: z.array(auditEntry), nextCursor });

/** The audit log's list (admin); its CSV download is not JSON and keeps its own route. */
export const auditApi = {
  list: contract({ method: 'GET', path: '/api/audit', query: auditQuery, response: auditList }),
};
