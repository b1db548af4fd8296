import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreatePositionRequest,
  defaultFocusAttributes,
  type FocusAttribute,
  forbidden,
  notFound,
  type Position,
  positionsApi,
  type UpdatePositionRequest,
  withAttributeIds,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { implement } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';

// A feature this small keeps repository, service and routes in one file; it splits when it grows.
export class PositionsService {
  constructor(
    private readonly db: Db,
    // What candidates are rated on is a hiring rule: who changed it, and when, is on record.
    private readonly audit?: AuditLog,
  ) {}

  private query() {
    return this.db
      .selectFrom('positions')
      .innerJoin('users', 'users.id', 'positions.line_manager_id')
      .select([
        'positions.id',
        'positions.title',
        'positions.level',
        'positions.line_manager_id as lineManagerId',
        'users.name as lineManagerName',
        'positions.focus_attributes',
      ]);
  }

  async list(_actor: Actor): Promise<Position[]> {
    return (await this.query().orderBy('positions.title').execute()).map(toPosition);
  }

  async create(actor: Actor, request: CreatePositionRequest): Promise<Position> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can create positions.');
    await this.assertLineManager(request.lineManagerId);
    const id = randomUUID();
    await this.db
      .insertInto('positions')
      .values({
        id,
        title: request.title,
        level: request.level,
        line_manager_id: request.lineManagerId,
        created_at: DateTime.utc().toISO(),
        focus_attributes: JSON.stringify(withAttributeIds(request.focusAttributes ?? defaultFocusAttributes)),
      })
      .execute();
    await this.audit?.record({ actor, action: 'position.created', subjectType: 'position', subjectId: id });
    return this.get(id);
  }

  /**
   * Changes apply to every scorecard not yet submitted; submitted ones keep the attributes they
   * were rated on, so a report never changes under the line manager.
   */
  async update(actor: Actor, id: string, request: UpdatePositionRequest): Promise<Position> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can edit positions.');
    const existing = await this.get(id);
    if (request.lineManagerId) await this.assertLineManager(request.lineManagerId);
    await this.db
      .updateTable('positions')
      .set({
        title: request.title ?? existing.title,
        level: request.level ?? existing.level,
        line_manager_id: request.lineManagerId ?? existing.lineManagerId,
        focus_attributes: JSON.stringify(
          request.focusAttributes ? withAttributeIds(request.focusAttributes) : existing.focusAttributes,
        ),
      })
      .where('id', '=', id)
      .execute();
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
    const row = await this.query().where('positions.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The position');
    return toPosition(row);
  }

  private async assertLineManager(userId: string): Promise<void> {
    const manager = await this.db
      .selectFrom('users')
      .select('roles')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!manager || !(JSON.parse(manager.roles) as string[]).includes('line_manager')) {
      throw new AppError('unprocessable', 'The line manager must be a user with the line manager role.', {
        lineManagerId: 'Choose a line manager.',
      });
    }
  }
}

function toPosition({
  focus_attributes,
  ...row
}: Omit<Position, 'focusAttributes'> & { focus_attributes: string }): Position {
  return { ...row, focusAttributes: JSON.parse(focus_attributes) as FocusAttribute[] };
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
