import {
  biasCheck,
  biasCheckSummary,
  biasTerm,
  customBiasTermSchema,
  idParams,
  keepForReview,
  keepPhraseRequest,
  reviewKeepRequest,
} from '@pairwise/domain';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { defineRoute } from '../../platform/http/route.ts';
import type { ReportsService } from '../reports/reports.ts';
import { renderReportMarkdown } from './report-markdown.ts';
import type { BiasCheckService } from './service.ts';

export function biasCheckRoutes(biasChecks: BiasCheckService, reports: ReportsService) {
  const checkResponse = z.object({ biasCheck });
  const termResponse = z.object({ term: biasTerm });
  /** The bias checks of the panel members whose scorecards the report shows. */
  const visibleSummaries = async (actor: Actor, interviewId: string, notes: 'first_page' | 'all') => {
    const report = await reports.get(actor, interviewId, notes);
    const authors = report.scorecards.map((card) => ({ id: card.authorId, name: card.authorName }));
    return { report, summaries: await biasChecks.summaries(interviewId, authors) };
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/bias-check',
      summary: 'The bias check of my notes, impression and ratings, as they stand now',
      access: 'signed_in',
      params: idParams,
      response: checkResponse,
      handler: async ({ actor, params }) => ({ biasCheck: await biasChecks.check(actor, params.id) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/bias-check/resolutions',
      summary: 'Keep a flagged phrase, with the reason it is fair (rewriting is detected from the text)',
      access: 'signed_in',
      params: idParams,
      body: keepPhraseRequest,
      response: checkResponse,
      handler: async ({ actor, params, body }) => ({
        biasCheck: await biasChecks.keep(actor, params.id, body),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/bias-check/reviews',
      summary: "Other panel members' kept phrases in protected categories, for a second reviewer",
      access: 'signed_in',
      params: idParams,
      response: z.object({ keeps: z.array(keepForReview) }),
      handler: async ({ actor, params }) => ({ keeps: await biasChecks.keepsForReview(actor, params.id) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/bias-check/reviews',
      summary: 'Confirm or reject a kept phrase in a protected category (a second reviewer, not its author)',
      access: 'signed_in',
      params: idParams,
      body: reviewKeepRequest,
      response: z.object({ keeps: z.array(keepForReview) }),
      handler: async ({ actor, params, body }) => ({
        keeps: await biasChecks.reviewKeep(actor, params.id, body),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/bias-check/summary',
      summary: "Each reported panel member's bias check, for the report",
      access: 'signed_in',
      params: idParams,
      response: z.object({ biasChecks: z.array(biasCheckSummary) }),
      handler: async ({ actor, params }) => ({
        biasChecks: (await visibleSummaries(actor, params.id, 'first_page')).summaries,
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/report.md',
      summary: 'The report as a Markdown download',
      access: 'signed_in',
      params: idParams,
      response: z.string(),
      handler: async ({ actor, params, reply }) => {
        // A download of the whole report: every note is in it.
        const { report, summaries } = await visibleSummaries(actor, params.id, 'all');
        const fileName = `report-${report.candidateName.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.md`;
        reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"`)
          .header('cache-control', 'private, no-store');
        return renderReportMarkdown(report, summaries);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/bias-terms',
      summary: "The organisation's own bias terms",
      access: 'signed_in',
      response: z.object({ terms: z.array(biasTerm) }),
      handler: async ({ actor }) => ({ terms: await biasChecks.terms(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/bias-terms',
      summary: 'Add an organisation bias term',
      access: 'signed_in',
      status: 201,
      body: customBiasTermSchema,
      response: termResponse,
      handler: async ({ actor, body }) => ({ term: await biasChecks.addTerm(actor, body) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/bias-terms/:id',
      summary: 'Change an organisation bias term',
      access: 'signed_in',
      params: idParams,
      body: customBiasTermSchema,
      response: termResponse,
      handler: async ({ actor, params, body }) => ({
        term: await biasChecks.updateTerm(actor, params.id, body),
      }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/bias-terms/:id',
      summary: 'Remove an organisation bias term',
      access: 'signed_in',
      params: idParams,
      response: z.object({ ok: z.literal(true) }),
      handler: async ({ actor, params }) => {
        await biasChecks.removeTerm(actor, params.id);
        return { ok: true as const };
      },
    }),
  ];
}
