import { AppError, portalApi } from '@pairwise/domain';
import type { FastifyRequest } from 'fastify';
import { type BackoffPolicy, type FailureLimiter, waitInWords } from '../../platform/auth/failure-limiter.ts';
import { implement } from '../../platform/http/route.ts';
import type { PortalService } from './service.ts';

/**
 * Per client address and route, in each process: the calendar feed's limit (calendar-feed.ts).
 * Generous enough for a calendar app polling.
 */
export const PORTAL_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

/**
 * Unknown portal links per client address, shared by every node. Only failures count and a
 * working link always opens, so candidates behind one office address never slow each other;
 * the links are 256-bit secrets, so guessing is hopeless anyway and the back-off keeps a
 * scanner from costing the database much.
 */
export const PORTAL_BACKOFF: BackoffPolicy = {
  freeAttempts: 20,
  firstDelayMs: 1000,
  maxDelayMs: 60_000,
  forgetAfterMs: 3600_000,
};

/** The candidate portal: anonymous, keyed by the private link's token. */
export function portalRoutes(portal: PortalService, unknownLinks: FailureLimiter) {
  const countUnknownLinks = async (request: FastifyRequest, run: () => Promise<unknown>) => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      const waitMs = await unknownLinks.retryAfterMs([request.ip]);
      if (waitMs > 0) {
        throw new AppError(
          'rate_limited',
          `Too many unknown links from your address. Wait ${waitInWords(waitMs)} and try again.`,
        );
      }
      await unknownLinks.recordFailure([request.ip]);
      throw error;
    }
  };
  const routes = [
    implement(portalApi.view, {
      access: 'anonymous',
      summary: 'Candidate portal: the interview as the candidate sees it',
      handler: async ({ params, reply }) => {
        // The page is personal; nothing in between should keep a copy.
        reply.header('cache-control', 'no-store');
        return { portal: await portal.view(params.token) };
      },
    }),
    implement(portalApi.confirm, {
      access: 'anonymous',
      summary: 'Candidate confirms the interview',
      handler: async ({ params }) => ({ portal: await portal.confirm(params.token) }),
    }),
    implement(portalApi.requestReschedule, {
      access: 'anonymous',
      summary: 'Candidate asks for another time (a reason is optional)',
      handler: async ({ params, body }) => ({
        portal: await portal.requestReschedule(params.token, body.reason),
      }),
    }),
    implement(portalApi.pickSlot, {
      access: 'anonymous',
      summary: 'Candidate picks one of the offered times; it books at once or answers 409 when taken',
      handler: async ({ params, body }) => ({ portal: await portal.pickSlot(params.token, body.slotId) }),
    }),
    implement(portalApi.requestAccommodation, {
      access: 'anonymous',
      summary: 'Candidate asks for adjustments',
      handler: async ({ params, body }) => ({
        portal: await portal.requestAccommodation(params.token, body.text),
      }),
    }),
    implement(portalApi.recordHearBack, {
      access: 'anonymous',
      summary: 'Candidate says by when they would like to hear back, if not recorded yet',
      handler: async ({ params, body }) => ({
        portal: await portal.recordHearBack(params.token, body.deadline),
      }),
    }),
    implement(portalApi.answerSurvey, {
      access: 'anonymous',
      summary: 'Candidate answers the anonymous survey',
      handler: async ({ params, body }) => ({ portal: await portal.answerSurvey(params.token, body) }),
    }),
    implement(portalApi.requestData, {
      access: 'anonymous',
      summary: 'Candidate asks for a copy or the erasure of their data',
      handler: async ({ params, body }) => ({ portal: await portal.requestData(params.token, body.kind) }),
    }),
    implement(portalApi.chooseLocale, {
      access: 'anonymous',
      summary: 'Candidate chooses the language of the portal and of every later message',
      handler: async ({ params, body }) => ({ portal: await portal.chooseLocale(params.token, body.locale) }),
    }),
  ];
  return routes.map((route) => ({
    ...route,
    handler: (ctx: { request: FastifyRequest }) =>
      countUnknownLinks(ctx.request, () => (route.handler as (ctx: unknown) => Promise<unknown>)(ctx)),
  })) as typeof routes;
}
