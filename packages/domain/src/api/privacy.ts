import { z } from 'zod';
import { id, idParams, nextCursor, ok, pageCursor, pageLimit, shortText } from './common.ts';
import { contract } from './contract.ts';

// The organisation's retention period, legal holds, and candidates' data requests.

export const retentionPreset = z.enum(['eu_6_months', 'us_1_year', 'us_federal_2_years', 'custom']);
export const retentionSetting = z.strictObject({
  preset: retentionPreset,
  // A custom period shorter than a week would erase candidates before the panel has decided.
  days: z.number().int().min(7).max(3650),
});
export type RetentionSetting = z.infer<typeof retentionSetting>;
export const retentionResponse = z.object({ retention: retentionSetting });

export const upcomingErasure = z.object({
  candidateId: id,
  candidateName: z.string(),
  eraseAfter: z.string(),
  legalHold: z.boolean(),
  legalHoldReason: z.string().nullable(),
});
export type UpcomingErasure = z.infer<typeof upcomingErasure>;
export const upcomingErasureList = z.object({ erasures: z.array(upcomingErasure) });

export const legalHoldRequest = z.strictObject({ reason: shortText.pipe(z.string().min(1)) });
export const legalHold = z.object({
  candidateId: id,
  candidateName: z.string(),
  reason: z.string(),
});
export const legalHoldList = z.object({ holds: z.array(legalHold), nextCursor });
/** A page of a privacy list (legal holds by name, data requests oldest first). */
export const privacyPageQuery = z.strictObject({ cursor: pageCursor(2).optional(), limit: pageLimit });

export const dataRequest = z.object({
  id: id,
  kind: z.enum(['copy', 'erasure']),
  candidateId: id,
  candidateName: z.string(),
  interviewId: id,
  requestedAt: z.string(),
  /** One month after the request: the legal deadline to answer it. */
  dueAt: z.string(),
  status: z.enum(['pending', 'completed']),
  approvedBy: z.string().nullable(),
  completedAt: z.string().nullable(),
  legalHold: z.boolean(),
});
export type DataRequest = z.infer<typeof dataRequest>;
export const dataRequestList = z.object({ requests: z.array(dataRequest), nextCursor });
export const dataRequestResponse = z.object({ request: dataRequest });

export const retentionRunResponse = z.object({ erased: z.array(id) });

/** Everything stored about one candidate, as JSON rows per table plus a readable Markdown summary. */
export const candidateDataCopy = z.object({
  candidateId: id,
  producedAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  markdown: z.string(),
});
export type CandidateDataCopy = z.infer<typeof candidateDataCopy>;

/** The privacy routes (admin only), implemented by the server's retention feature and called by the web. */
export const privacyApi = {
  retention: contract({ method: 'GET', path: '/api/privacy/retention', response: retentionResponse }),
  setRetention: contract({
    method: 'PUT',
    path: '/api/privacy/retention',
    body: retentionSetting,
    response: retentionResponse,
  }),
  erasures: contract({ method: 'GET', path: '/api/privacy/erasures', response: upcomingErasureList }),
  runErasures: contract({
    method: 'POST',
    path: '/api/privacy/erasures/run',
    response: retentionRunResponse,
  }),
  legalHolds: contract({
    method: 'GET',
    path: '/api/privacy/legal-holds',
    query: privacyPageQuery,
    response: legalHoldList,
  }),
  setLegalHold: contract({
    method: 'PUT',
    path: '/api/privacy/legal-holds/:id',
    params: idParams,
    body: legalHoldRequest,
    response: ok,
  }),
  endLegalHold: contract({
    method: 'DELETE',
    path: '/api/privacy/legal-holds/:id',
    params: idParams,
    response: ok,
  }),
  requests: contract({
    method: 'GET',
    path: '/api/privacy/requests',
    query: privacyPageQuery,
    response: dataRequestList,
  }),
  approveErasure: contract({
    method: 'POST',
    path: '/api/privacy/requests/:id/erasure',
    params: idParams,
    response: dataRequestResponse,
  }),
  copy: contract({
    method: 'GET',
    path: '/api/privacy/requests/:id/copy',
    params: idParams,
    response: candidateDataCopy,
  }),
};
