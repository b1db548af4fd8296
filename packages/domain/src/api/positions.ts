import { z } from 'zod';
import type { FocusAttribute } from '../scorecard.ts';
import { id, idParams, name } from './common.ts';
import { contract } from './contract.ts';

const attributeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Expected a short id of lower-case letters, digits, - or _.');
const anchor = z.string().trim().min(1, 'Describe this step of the scale.').max(300);

/** An attribute as an admin writes it; a new one has no id yet and gets one from its label. */
export const focusAttributeInput = z.strictObject({
  id: attributeId.optional(),
  label: z.string().trim().min(1, 'Name the attribute.').max(100),
  anchors: z.tuple([anchor, anchor, anchor, anchor]),
});
export type FocusAttributeInput = z.input<typeof focusAttributeInput>;

export const focusAttributeList = z
  .array(focusAttributeInput)
  .min(1, 'Keep at least one focus attribute.')
  .max(12, 'At most 12 focus attributes; a one-hour session cannot show more.')
  .superRefine((list, ctx) => {
    const seenIds = new Set<string>();
    const seenLabels = new Set<string>();
    list.forEach((attribute, index) => {
      const label = attribute.label.toLowerCase();
      if (seenLabels.has(label)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'label'],
          message: 'Each attribute needs its own name.',
        });
      }
      seenLabels.add(label);
      if (attribute.id && seenIds.has(attribute.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'This id is used twice.' });
      }
      if (attribute.id) seenIds.add(attribute.id);
    });
  });

/**
 * Gives each new attribute an id derived from its label, unique in the list. Existing ids are kept,
 * so ratings given against an attribute survive renaming it.
 */
export function withAttributeIds(list: readonly FocusAttributeInput[]): FocusAttribute[] {
  const taken = new Set(list.flatMap((attribute) => (attribute.id ? [attribute.id] : [])));
  return list.map((attribute) => {
    if (attribute.id) return { id: attribute.id, label: attribute.label, anchors: attribute.anchors };
    const base =
      attribute.label
        .toLowerCase()
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 32) || 'attribute';
    let candidate = base;
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}-${n}`;
    taken.add(candidate);
    return { id: candidate, label: attribute.label, anchors: attribute.anchors };
  });
}

export const focusAttribute = z.object({
  id: z.string(),
  label: z.string(),
  anchors: z.tuple([z.string(), z.string(), z.string(), z.string()]),
});

export const createPositionRequest = z.strictObject({
  title: name,
  level: z.string().trim().max(100).default(''),
  lineManagerId: id,
  focusAttributes: focusAttributeList.optional(),
});
export type CreatePositionRequest = z.infer<typeof createPositionRequest>;

/** Every field optional: an admin may change the title, the line manager or the attributes alone. */
export const updatePositionRequest = z.strictObject({
  title: name.optional(),
  level: z.string().trim().max(100).optional(),
  lineManagerId: id.optional(),
  focusAttributes: focusAttributeList.optional(),
});
export type UpdatePositionRequest = z.infer<typeof updatePositionRequest>;

export const position = z.object({
  id,
  title: z.string(),
  level: z.string(),
  lineManagerId: id,
  lineManagerName: z.string(),
  focusAttributes: z.array(focusAttribute),
});
export type Position = z.infer<typeof position>;
export const positionList = z.object({ positions: z.array(position) });

/** The positions routes, implemented by the server's positions feature and called by the web. */
export const positionsApi = {
  list: contract({ method: 'GET', path: '/api/positions', response: positionList }),
  create: contract({
    method: 'POST',
    path: '/api/positions',
    status: 201,
    body: createPositionRequest,
    response: z.object({ position }),
  }),
  update: contract({
    method: 'PATCH',
    path: '/api/positions/:id',
    params: idParams,
    body: updatePositionRequest,
    response: z.object({ position }),
  }),
};
