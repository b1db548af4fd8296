import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreatePositionRequest,
  defaultFocusAttributes,
  notFound,
  type Position,
  positionsApi,
  type UpdatePositionRequest,
  withAttributeIds,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { implement } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { authorizePosition, mayManagePosition } from './policy.ts';
import type { PositionsRepository } from './repository.ts';

/** Positions with their line manager and focus attributes; the SQL is in the repository. */
export class PositionsService {
  constructor(
    private readonly repository: PositionsRepository,
    // What candidates are rated on is a hiring rule: who changed it, and when, is on record.
    private readonly audit?: AuditLog,
  ) {}

  async list(actor: Actor): Promise<Position[]> {
    authorizePosition(actor, 'view');
    return this.repository.list();
  }

  async create(actor: Actor, request: CreatePositionRequest): Promise<Position> {
    authorizePosition(actor, 'create');
    await this.assertLineManager(request.lineManagerId);
    const id = randomUUID();
    await this.repository.insert(
      id,
      {
        title: request.title,
        level: request.level,
        lineManagerId: request.lineManagerId,
        focusAttributes: withAttributeIds(request.focusAttributes ?? defaultFocusAttributes),
      },
      DateTime.utc().toISO(),
    );
    await this.audit?.record({ actor, action: 'position.created', subjectType: 'position', subjectId: id });
    return this.get(id);
  }

  /**
   * Changes apply to every scorecard not yet submitted; submitted ones keep the attributes they
   * were rated on, so a report never changes under the line manager.
   */
  async update(actor: Actor, id: string, request: UpdatePositionRequest): Promise<Position> {
    authorizePosition(actor, 'update');
    const existing = await this.get(id);
    if (request.lineManagerId) await this.assertLineManager(request.lineManagerId);
    await this.repository.update(id, {
      title: request.title ?? existing.title,
      level: request.level ?? existing.level,
      lineManagerId: request.lineManagerId ?? existing.lineManagerId,
      focusAttributes: request.focusAttributes
        ? withAttributeIds(request.focusAttributes)
        : existing.focusAttributes,
    });
    await this.audit?.record({
      actor,
      action: 'position.updated',
      subjectType: 'position',
      subjectId: id,
      detail: { changed: Object.keys(request) },
    });
    return this.get(id);
  }

  private async get(id: string): Promise<Position> {
    const position = await this.repository.find(id);
    if (!position) throw notFound('The position');
    return position;
  }

  private async assertLineManager(userId: string): Promise<void> {
    if (!mayManagePosition(await this.repository.rolesOf(userId))) {
      throw new AppError('unprocessable', 'The line manager must be a user with the line manager role.', {
        lineManagerId: 'Choose a line manager.',
      });
    }
  }
}

export function positionsRoutes(positions: PositionsService) {
  return [
    implement(positionsApi.list, {
      summary: 'Positions with their line managers',
      access: 'signed_in',
      handler: async ({ actor }) => ({ positions: await positions.list(actor) }),
    }),
    implement(positionsApi.create, {
      summary: 'Create a position (admin)',
      access: 'signed_in',
      handler: async ({ actor, body }) => ({ position: await positions.create(actor, body) }),
    }),
    implement(positionsApi.update, {
      summary: 'Edit a position: title, level, line manager or its focus attributes (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        position: await positions.update(actor, params.id, body),
      }),
    }),
  ];
}
