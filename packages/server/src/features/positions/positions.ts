import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreatePositionRequest,
  createPositionRequest,
  forbidden,
  type Position,
  position,
  positionList,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineRoute } from '../../platform/http/route.ts';

// A feature this small keeps repository, service and routes in one file; it splits when it grows.
export class PositionsService {
  constructor(private readonly db: Db) {}

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
      ]);
  }

  list(_actor: Actor): Promise<Position[]> {
    return this.query().orderBy('positions.title').execute();
  }

  async create(actor: Actor, request: CreatePositionRequest): Promise<Position> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can create positions.');
    const manager = await this.db
      .selectFrom('users')
      .select('roles')
      .where('id', '=', request.lineManagerId)
      .executeTakeFirst();
    if (!manager || !(JSON.parse(manager.roles) as string[]).includes('line_manager')) {
      throw new AppError('unprocessable', 'The line manager must be a user with the line manager role.', {
        lineManagerId: 'Choose a line manager.',
      });
    }
    const id = randomUUID();
    await this.db
      .insertInto('positions')
      .values({
        id,
        title: request.title,
        level: request.level,
        line_manager_id: request.lineManagerId,
        created_at: DateTime.utc().toISO(),
      })
      .execute();
    return (await this.query().where('positions.id', '=', id).executeTakeFirst())!;
  }
}

export function positionsRoutes(positions: PositionsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/positions',
      summary: 'Positions with their line managers',
      access: 'signed_in',
      response: positionList,
      handler: async ({ actor }) => ({ positions: await positions.list(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/positions',
      summary: 'Create a position (admin)',
      access: 'signed_in',
      status: 201,
      body: createPositionRequest,
      response: z.object({ position }),
      handler: async ({ actor, body }) => ({ position: await positions.create(actor, body) }),
    }),
  ];
}
