import { privacyApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { RetentionService } from './service.ts';

/** Admin-only: the retention period, legal holds, and candidates' copy and erasure requests. */
export function retentionRoutes(retention: RetentionService) {
  return [
    implement(privacyApi.retention, {
      summary: 'How long candidate data is kept after the process ends (admin)',
      access: 'signed_in',
      handler: async ({ actor }) => ({ retention: await retention.retention(actor) }),
    }),
    implement(privacyApi.setRetention, {
      summary: 'Choose the retention period: a preset or a number of days (admin)',
      access: 'signed_in',
      handler: async ({ actor, body, request }) => ({
        retention: await retention.setRetention(actor, body, request.ip),
      }),
    }),
    implement(privacyApi.erasures, {
      summary: 'Candidates whose data will be erased in the next 30 days, soonest first, at most 200 (admin)',
      access: 'signed_in',
      handler: async ({ actor }) => ({ erasures: await retention.upcomingErasures(actor, new Date(), 30) }),
    }),
    implement(privacyApi.runErasures, {
      summary: "Run today's retention now instead of waiting for the daily job (admin)",
      access: 'signed_in',
      handler: async ({ actor }) => ({ erased: await retention.runRetentionAs(actor, new Date()) }),
    }),
    implement(privacyApi.legalHolds, {
      summary: 'Candidates on legal hold, whose data is not erased, a page at a time by name (admin)',
      access: 'signed_in',
      handler: async ({ actor, query }) => retention.legalHolds(actor, query),
    }),
    implement(privacyApi.setLegalHold, {
      summary: 'Put a candidate on legal hold, with the reason (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, body, request }) => {
        await retention.setLegalHold(actor, params.id, body.reason, request.ip);
        return { ok: true as const };
      },
    }),
    implement(privacyApi.endLegalHold, {
      summary: 'End a legal hold: retention applies again (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, request }) => {
        await retention.setLegalHold(actor, params.id, null, request.ip);
        return { ok: true as const };
      },
    }),
    implement(privacyApi.requests, {
      summary:
        "Candidates' requests for a copy or erasure of their data, with due dates, oldest first (admin)",
      access: 'signed_in',
      handler: async ({ actor, query }) => retention.dataRequests(actor, query),
    }),
    implement(privacyApi.approveErasure, {
      summary: "Confirm a candidate's erasure request: erases their data unless on legal hold (admin)",
      access: 'signed_in',
      handler: async ({ actor, params, request }) => ({
        request: await retention.approveErasure(actor, params.id, request.ip),
      }),
    }),
    implement(privacyApi.copy, {
      summary: "A candidate's copy of their data (JSON with a Markdown summary), to check and send (admin)",
      access: 'signed_in',
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
