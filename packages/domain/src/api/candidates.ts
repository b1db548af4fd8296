import { z } from 'zod';
import { candidateLocales } from '../locales.ts';
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
import { contract } from './contract.ts';

export const createCandidateRequest = z.strictObject({
  name,
  email,
  timeZone,
  pronouns: z.string().trim().max(50).optional(),
  accommodations: shortText.optional(),
  /** The language the candidate reads Pairwise in; the organisation's default when absent. */
  locale: z.enum(candidateLocales).optional(),
});
export type CreateCandidateRequest = z.infer<typeof createCandidateRequest>;

/**
 * A candidate as one reader may see them: the name (and time zone, for planning) always; email,
 * pronouns and accommodations only with a need to know (see process/candidate-data), otherwise
 * null with `withheld` saying so, so the interface can tell "withheld" from "none given".
 */
export const candidate = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  timeZone: z.string(),
  pronouns: z.string().nullable(),
  accommodations: z.string().nullable(),
  locale: z.enum(candidateLocales),
  withheld: z.object({ contact: z.boolean(), accommodations: z.boolean() }),
});
export type Candidate = z.infer<typeof candidate>;
export const candidateList = z.object({ candidates: z.array(candidate), nextCursor });
/** Candidates by name, a page at a time; `q` finds them by the start of a name or their address. */
export const candidateListQuery = z.strictObject({
  q: searchText.optional(),
  cursor: pageCursor(2).optional(),
  limit: pageLimit,
});

/** Staff change the language a candidate reads Pairwise in. */
export const updateCandidateRequest = z.strictObject({ locale: z.enum(candidateLocales) });
export type UpdateCandidateRequest = z.infer<typeof updateCandidateRequest>;
export const candidateParams = z.strictObject({ id });

/** The candidates routes, implemented by the server's candidates feature and called by the web. */
export const candidatesApi = {
  list: contract({
    method: 'GET',
    path: '/api/candidates',
    query: candidateListQuery,
    response: candidateList,
  }),
  create: contract({
    method: 'POST',
    path: '/api/candidates',
    status: 201,
    body: createCandidateRequest,
    response: z.object({ candidate }),
  }),
  update: contract({
    method: 'PATCH',
    path: '/api/candidates/:id',
    params: candidateParams,
    body: updateCandidateRequest,
    response: z.object({ candidate }),
  }),
};
