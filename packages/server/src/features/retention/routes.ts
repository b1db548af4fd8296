import {
  candidateDataCopy,
  dataRequestList,
  dataRequestResponse,
  idParams,
  legalHoldList,
  legalHoldRequest,
  ok,
  privacyPageQuery,
  retentionResponse,
  retentionRunResponse,
  retentionSetting,
  upcomingErasureList,
} from '@pairwise/domain';
import { defineRoute } from '../../platform/http/route.ts';
import type { RetentionService } from './service.ts';

/** Admin-only: the retention period, legal holds, and candidates' copy and erasure requests. */
export function retentionRoutes(retention: RetentionService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/privacy/retention',
      summary: 'How long candidate data is kept after the process ends (admin)',
      access: 'signed_in',
      response: retentionResponse,
      handler: async ({ actor }) => ({ retention: await retention.retention(actor) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/privacy/retention',
      summary: 'Choose the retention period: a preset or a number of days (admin)',
      access: 'signed_in',
      body: retentionSetting,
      response: retentionResponse,
      handler: async ({ actor, body, request }) => ({
        retention: await retention.setRetention(actor, body, request.ip),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/privacy/erasures',
      summary: 'Candidates whose data will be erased in the next 30 days, soonest first, at most 200 (admin)',
      access: 'signed_in',
      response: upcomingErasureList,
      handler: async ({ actor }) => ({ erasures: await retention.upcomingErasures(actor, new Date(), 30) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/privacy/erasures/run',
      summary: "Run today's retention now instead of waiting for the daily job (admin)",
      access: 'signed_in',
      response: retentionRunResponse,
      handler: async ({ actor }) => ({ erased: await retention.runRetentionAs(actor, new Date()) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/privacy/legal-holds',
      summary: 'Candidates on legal hold, whose data is not erased, a page at a time by name (admin)',
      access: 'signed_in',
      query: privacyPageQuery,
      response: legalHoldList,
      handler: async ({ actor, query }) => retention.legalHolds(actor, query),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/privacy/legal-holds/:id',
      summary: 'Put a candidate on legal hold, with the reason (admin)',
      access: 'signed_in',
      params: idParams,
      body: legalHoldRequest,
      response: ok,
      handler: async ({ actor, params, body, request }) => {
        await retention.setLegalHold(actor, params.id, body.reason, request.ip);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/privacy/legal-holds/:id',
      summary: 'End a legal hold: retention applies again (admin)',
      access: 'signed_in',
      params: idParams,
      response: ok,
      handler: async ({ actor, params, request }) => {
        await retention.setLegalHold(actor, params.id, null, request.ip);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/privacy/requests',
      summary:
        "Candidates' requests for a copy or erasure of their data, with due dates, oldest first (admin)",
      access: 'signed_in',
      query: privacyPageQuery,
      response: dataRequestList,
      handler: async ({ actor, query }) => retention.dataRequests(actor, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/privacy/requests/:id/erasure',
      summary: "Confirm a candidate's erasure request: erases their data unless on legal hold (admin)",
      access: 'signed_in',
      params: idParams,
      response: dataRequestResponse,
      handler: async ({ actor, params, request }) => ({
        request: await retention.approveErasure(actor, params.id, request.ip),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/privacy/requests/:id/copy',
      summary: "A candidate's copy of their data (JSON with a Markdown summary), to check and send (admin)",
      access: 'signed_in',
      params: idParams,
      response: candidateDataCopy,
      handler: async ({ actor, params, request, reply }) => {
        const copy = await retention.produceCopy(actor, params.id, request.ip);
        reply
          .header('content-disposition', `attachment; filename="pairwise-data-${copy.candidateId}.json"`)
          .header('cache-control', 'private, no-store');
        return copy;
      },
    }),
  ];
}
