import { randomUUID } from 'node:crypto';
import {
  type AcceptInvitationRequest,
  AppError,
  type CreateUserRequest,
  type CreateUserResponse,
  forbidden,
  type SignInRequest,
  type User,
} from '@pairwise/domain';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { SessionStore } from '../../platform/auth/sessions.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { toUser, type UsersRepository } from './repository.ts';

const INVITATION_DAYS = 7;

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionStore,
    private readonly publicUrl: () => string,
  ) {}

  async directory(_actor: Actor): Promise<User[]> {
    return (await this.users.list()).map(toUser);
  }

  async invite(actor: Actor, request: CreateUserRequest): Promise<CreateUserResponse> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can invite users.');
    if (await this.users.findByEmail(request.email)) {
      throw new AppError('conflict', 'A user with this email already exists.', { email: 'Already in use.' });
    }
    const now = DateTime.utc();
    const row = {
      id: randomUUID(),
      email: request.email.toLowerCase(),
      name: request.name,
      roles: JSON.stringify([...new Set(request.roles)]),
      password_hash: null,
      active: 1,
      created_at: now.toISO(),
    };
    await this.users.insert(row);
    const token = randomToken();
    await this.users.insertInvitation({
      token_hash: hashToken(token),
      user_id: row.id,
      expires_at: now.plus({ days: INVITATION_DAYS }).toISO(),
      used_at: null,
    });
    return { user: toUser(row), invitationUrl: `${this.publicUrl()}/accept-invitation?token=${token}` };
  }

  async acceptInvitation(reply: FastifyReply, request: AcceptInvitationRequest): Promise<User> {
    const tokenHash = hashToken(request.token);
    const invitation = await this.users.findInvitation(tokenHash);
    const now = DateTime.utc().toISO();
    if (!invitation || invitation.used_at || invitation.expires_at <= now) {
      throw new AppError(
        'not_found',
        'This invitation link is not valid any more. Ask your admin for a new one.',
      );
    }
    if (!(await this.users.useInvitation(tokenHash, now))) {
      throw new AppError('conflict', 'This invitation link was already used.');
    }
    await this.users.setPassword(invitation.user_id, await hashPassword(request.password));
    await this.sessions.start(reply, invitation.user_id);
    return toUser((await this.users.findById(invitation.user_id))!);
  }

  async signIn(reply: FastifyReply, request: SignInRequest): Promise<User> {
    const row = await this.users.findByEmail(request.email);
    const valid = await verifyPassword(row?.password_hash ?? null, request.password);
    if (!row || !valid || row.active !== 1) {
      throw new AppError('unauthenticated', 'Email or password is not right.');
    }
    await this.sessions.start(reply, row.id);
    return toUser(row);
  }

  async createFirstAdmin(reply: FastifyReply, input: { email: string; name: string; password: string }) {
    const row = {
      id: randomUUID(),
      email: input.email.toLowerCase(),
      name: input.name,
      roles: JSON.stringify(['admin', 'interviewer']),
      password_hash: await hashPassword(input.password),
      active: 1,
      created_at: DateTime.utc().toISO(),
    };
    await this.users.insert(row);
    await this.sessions.start(reply, row.id);
    return toUser(row);
  }

  countAdmins() {
    return this.users.countAdmins();
  }
}
