import { z } from 'zod';
import {
  email,
  id,
  name,
  nextCursor,
  pageCursor,
  pageLimit,
  searchText,
  shortText,
  timeZone,
} from './common.ts';

export const createCandidateRequest = z.strictObject({
  name,
  email,
  timeZone,
  pronouns: z.string().trim().max(50).optional(),
  accommodations: shortText.optional(),
});
export type CreateCandidateRequest = z.infer<typeof createCandidateRequest>;

export const candidate = z.object({
  id,
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  pronouns: z.string().nullable(),
  accommodations: z.string().nullable(),
});
export type Candidate = z.infer<typeof candidate>;
export const candidateList = z.object({ candidates: z.array(candidate), nextCursor });
/** Candidates by name, a page at a time; `q` finds them by the start of a name or their address. */
export const candidateListQuery = z.strictObject({
  q: searchText.optional(),
  cursor: pageCursor(2).optional(),
  limit: pageLimit,
});
