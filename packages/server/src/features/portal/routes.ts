import {
  accommodationRequestBody,
  dataRequestBody,
  hearBackBody,
  portalParams,
  portalResponse,
  rescheduleRequestBody,
  surveyBody,
} from '@pairwise/domain';
import { defineRoute } from '../../platform/http/route.ts';
import type { PortalService } from './service.ts';

/**
 * Per client address and route. The links are 256-bit secrets, so guessing is hopeless anyway;
 * the limit keeps a scanner from costing the database anything. Generous enough for a candidate
 * reloading the page on the day.
 */
export const PORTAL_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

/** The candidate portal: anonymous, keyed by the private link's token, rate-limited. */
export function portalRoutes(portal: PortalService) {
  return [
    defineRoute({
      access: 'anonymous',
      params: portalParams,
      response: portalResponse,
      rateLimit: PORTAL_RATE_LIMIT,
      method: 'GET',
      url: '/api/portal/:token',
      summary: 'Candidate portal: the interview as the candidate sees it',
      handler: async ({ params, reply }) => {
        // The page is personal; nothing in between should keep a copy.
        reply.header('cache-control', 'no-store');
        return { portal: await portal.view(params.token) };
      },
    }),
    defineRoute({
      access: 'anonymous',
      params: portalParams,
      response: portalResponse,
      rateLimit: PORTAL_RATE_LIMIT,
      method: 'POST',
      url: '/api/portal/:token/confirmation',
      summary: 'Candidate confirms the interview',
      handler: async ({ params }) => ({ portal: await portal.confirm(params.token) }),
    }),
    defineRoute({
      access: 'anonymous',
      params: portalParams,
      response: portalResponse,
      rateLimit: PORTAL_RATE_LIMIT,
      method: 'POST',
      url: '/api/portal/:token/reschedule-request',
      summary: 'Candidate asks for another time (a reason is optional)',
      body: rescheduleRequestBody,
      handler: async ({ params, body }) => ({
        portal: await portal.requestReschedule(params.token, body.reason),
      }),
    }),
    defineRoute({
      access: 'anonymous',
      params: portalParams,
      response: portalResponse,
      rateLimit: PORTAL_RATE_LIMIT,
      method: 'POST',
      url: '/api/portal/:token/accommodations',
      summary: 'Candidate asks for adjustments',
      body: accommodationRequestBody,
      handler: async ({ params, body }) => ({
        portal: await portal.requestAccommodation(params.token, body.text),
      }),
    }),
    defineRoute({
      access: 'anonymous',
      params: portalParams,
      response: portalResponse,
      rateLimit: PORTAL_RATE_LIMIT,
      method: 'PUT',
      url: '/api/portal/:token/hear-back',
      summary: 'Candidate says by when they would like to hear back, if not recorded yet',
      body: hearBackBody,
      handler: async ({ params, body }) => ({
        portal: await portal.recordHearBack(params.token, body.deadline),
      }),
    }),
    defineRoute({
      access: 'anonymous',
      params: portalParams,
      response: portalResponse,
      rateLimit: PORTAL_RATE_LIMIT,
      method: 'POST',
      url: '/api/portal/:token/survey',
      summary: 'Candidate answers the anonymous survey',
      body: surveyBody,
      handler: async ({ params, body }) => ({ portal: await portal.answerSurvey(params.token, body) }),
    }),
    defineRoute({
      access: 'anonymous',
      params: portalParams,
      response: portalResponse,
      rateLimit: PORTAL_RATE_LIMIT,
      method: 'POST',
      url: '/api/portal/:token/data-requests',
      summary: 'Candidate asks for a copy or the erasure of their data',
      body: dataRequestBody,
      handler: async ({ params, body }) => ({ portal: await portal.requestData(params.token, body.kind) }),
    }),
  ];
}
