import { z } from 'zod';
import { id, name } from './common.ts';

export const createPositionRequest = z.strictObject({
  title: name,
  level: z.string().trim().max(100).default(''),
  lineManagerId: id,
});
export type CreatePositionRequest = z.infer<typeof createPositionRequest>;

export const position = z.object({
  id,
  title: z.string(),
  level: z.string(),
  lineManagerId: id,
  lineManagerName: z.string(),
});
export type Position = z.infer<typeof position>;
export const positionList = z.object({ positions: z.array(position) });
