import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { AppError, biasCheckApi, biasTermsApi, idParams, type Report } from '@pairwise/domain';
import { z } from 'zod';
import { acceptsGzip } from '../../platform/http/accepts-gzip.ts';
import { defineRoute, implement } from '../../platform/http/route.ts';
import type { ReportsService } from '../reports/reports.ts';
import { renderReportMarkdown, slices } from './report-markdown.ts';
import type { BiasCheckService } from './service.ts';
import type { BiasTermsService } from './terms.ts';

/** The largest report.md sent without gzip: no answer carries more than a megabyte. */
export const PLAIN_REPORT_BYTES = 1024 * 1024;

/** Refuses a plain download of at least `bytes`, over the limit, saying how to get it. */
const refusePlainOver = (bytes: number) => {
  if (bytes > PLAIN_REPORT_BYTES) throw reportNeedsGzip(bytes);
};

const reportNeedsGzip = (bytes: number) =>
  new AppError(
    'not_acceptable',
    `This report is more than ${(bytes / 1024 / 1024).toFixed(1)} MB of Markdown, more than is sent uncompressed. ` +
      'Download it with gzip (send "Accept-Encoding: gzip", as browsers do; with curl, --compressed), ' +
      'or read its notes a page at a time from /api/interviews/:id/report/notes.',
    undefined,
    { bytes, limitBytes: PLAIN_REPORT_BYTES },
  );

/** The report's notes alone, in bytes: the Markdown holds each in full, so it is at least this long. */
const noteBytes = (notes: ReadonlyArray<{ text: string }>) =>
  notes.reduce((sum, note) => sum + Buffer.byteLength(note.text), 0);

export function biasCheckRoutes(
  biasChecks: BiasCheckService,
  biasTerms: BiasTermsService,
  reports: ReportsService,
) {
  /** The bias checks of the panel members whose scorecards the report shows. */
  const summariesOf = (interviewId: string, report: Report) =>
    biasChecks.summaries(
      interviewId,
      report.scorecards.map((card) => ({ id: card.authorId, name: card.authorName })),
    );
  return [
    implement(biasCheckApi.check, {
      summary: 'The bias check of my notes, impression and ratings, as they stand now',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ biasCheck: await biasChecks.check(actor, params.id) }),
    }),
    implement(biasCheckApi.keep, {
      summary: 'Keep a flagged phrase, with the reason it is fair (rewriting is detected from the text)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        biasCheck: await biasChecks.keep(actor, params.id, body),
      }),
    }),
    implement(biasCheckApi.keepsForReview, {
      summary: "Other panel members' kept phrases in protected categories, for a second reviewer",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ keeps: await biasChecks.keepsForReview(actor, params.id) }),
    }),
    implement(biasCheckApi.reviewKeep, {
      summary: 'Confirm or reject a kept phrase in a protected category (a second reviewer, not its author)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        keeps: await biasChecks.reviewKeep(actor, params.id, body),
      }),
    }),
    implement(biasCheckApi.summaries, {
      summary: "Each reported panel member's bias check, for the report",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({
        biasChecks: await summariesOf(params.id, await reports.get(actor, params.id, 'first_page')),
      }),
    }),
    // A Markdown download, not JSON: no contract.
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/report.md',
      summary: 'The report as a Markdown download',
      access: 'signed_in',
      params: idParams,
      // The Markdown text, streamed.
      response: z.custom<Readable>((value) => value instanceof Readable).describe('text/markdown'),
      handler: async ({ actor, params, request, reply }) => {
        // A download of the whole report: every note is in it.
        const report = await reports.get(actor, params.id, 'all');
        // Cut, the download would no longer hold every note; sent plain, it would carry megabytes.
        // A client that cannot take gzip is told so, and what to send instead, before the bias
        // check of every note (seconds for a very long interview) is run for an answer it refuses.
        const plain = !acceptsGzip(request.headers['accept-encoding']);
        if (plain) refusePlainOver(noteBytes(report.notes));
        const summaries = await summariesOf(params.id, report);
        const fileName = `report-${report.candidateName.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.md`;
        reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"`)
          .header('cache-control', 'private, no-store')
          .header('vary', 'accept-encoding');
        // A long interview's report is megabytes of Markdown: it goes out in slices as the client
        // reads them, and gzipped (in zlib's thread pool) to every client that accepts it, which
        // browsers and download tools do, so no answer carries a megabyte on the wire.
        const markdown = renderReportMarkdown(report, summaries);
        if (plain) refusePlainOver(Buffer.byteLength(markdown));
        const body = Readable.from(slices(markdown));
        if (plain) return body;
        reply.header('content-encoding', 'gzip');
        return body.pipe(createGzip());
      },
    }),
    implement(biasTermsApi.list, {
      summary: "The organisation's own bias terms",
      access: 'signed_in',
      handler: async ({ actor }) => ({ terms: await biasTerms.terms(actor) }),
    }),
    implement(biasTermsApi.add, {
      summary: 'Add an organisation bias term',
      access: 'signed_in',
      handler: async ({ actor, body }) => ({ term: await biasTerms.addTerm(actor, body) }),
    }),
    implement(biasTermsApi.update, {
      summary: 'Change an organisation bias term',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        term: await biasTerms.updateTerm(actor, params.id, body),
      }),
    }),
    implement(biasTermsApi.remove, {
      summary: 'Remove an organisation bias term',
      access: 'signed_in',
      handler: async ({ actor, params }) => {
        await biasTerms.removeTerm(actor, params.id);
        return { ok: true as const };
      },
    }),
  ];
}
