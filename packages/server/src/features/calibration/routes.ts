import { calibrationApi, calibrationQuery } from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute, implement } from '../../platform/http/route.ts';
import { calibrationCsv } from './calibration-csv.ts';
import type { CalibrationService } from './service.ts';

export function calibrationRoutes(calibration: CalibrationService) {
  return [
    implement(calibrationApi.get, {
      summary: "Calibration across interviewers for a period, scoped to the reader's role",
      access: 'signed_in',
      handler: async ({ actor, query }) => calibration.figures(actor, query),
    }),
    // A file download, not JSON: it keeps its own response handling.
    defineRoute({
      method: 'GET',
      url: '/api/calibration.csv',
      summary: 'The same figures as a CSV download',
      access: 'signed_in',
      query: calibrationQuery,
      response: z.string(),
      handler: async ({ actor, query, reply }) => {
        const figures = await calibration.figures(actor, query);
        reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="pairwise-calibration-${figures.from}-to-${figures.to}.csv"`,
          )
          .header('cache-control', 'private, no-store');
        return calibrationCsv(figures);
      },
    }),
  ];
}
