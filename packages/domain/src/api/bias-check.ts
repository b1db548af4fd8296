import { z } from 'zod';
import {
  biasCheck,
  biasCheckSummary,
  biasTerm,
  keepForReview,
  keepPhraseRequest,
  reviewKeepRequest,
} from '../bias/bias-check-api.ts';
import { customBiasTermSchema } from '../bias/custom-terms.ts';
import { idParams, ok } from './common.ts';
import { contract } from './contract.ts';

// The bias check's schemas live beside its rules in `bias/`; only the routes are declared here.

const checkResponse = z.object({ biasCheck });
const keepsResponse = z.object({ keeps: z.array(keepForReview) });
const termResponse = z.object({ term: biasTerm });

/**
 * A panel member's bias check and its second review, implemented by the server's bias-check
 * feature. The report's Markdown download is not JSON and keeps its own route there.
 */
export const biasCheckApi = {
  check: contract({
    method: 'GET',
    path: '/api/interviews/:id/bias-check',
    params: idParams,
    response: checkResponse,
  }),
  keep: contract({
    method: 'PUT',
    path: '/api/interviews/:id/bias-check/resolutions',
    params: idParams,
    body: keepPhraseRequest,
    response: checkResponse,
  }),
  keepsForReview: contract({
    method: 'GET',
    path: '/api/interviews/:id/bias-check/reviews',
    params: idParams,
    response: keepsResponse,
  }),
  reviewKeep: contract({
    method: 'PUT',
    path: '/api/interviews/:id/bias-check/reviews',
    params: idParams,
    body: reviewKeepRequest,
    response: keepsResponse,
  }),
  summaries: contract({
    method: 'GET',
    path: '/api/interviews/:id/bias-check/summary',
    params: idParams,
    response: z.object({ biasChecks: z.array(biasCheckSummary) }),
  }),
};

/** The organisation's own bias terms (admins change them), called by the bias-terms page. */
export const biasTermsApi = {
  list: contract({
    method: 'GET',
    path: '/api/bias-terms',
    response: z.object({ terms: z.array(biasTerm) }),
  }),
  add: contract({
    method: 'POST',
    path: '/api/bias-terms',
    status: 201,
    body: customBiasTermSchema,
    response: termResponse,
  }),
  update: contract({
    method: 'PUT',
    path: '/api/bias-terms/:id',
    params: idParams,
    body: customBiasTermSchema,
    response: termResponse,
  }),
  remove: contract({ method: 'DELETE', path: '/api/bias-terms/:id', params: idParams, response: ok }),
};
