import { calibrationQuery, calibrationResponse } from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { type CalibrationService, calibrationCsv } from './service.ts';

export function calibrationRoutes(calibration: CalibrationService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/calibration',
      summary: "Calibration across interviewers for a period, scoped to the reader's role",
      access: 'signed_in',
      query: calibrationQuery,
      response: calibrationResponse,
      handler: async ({ actor, query }) => calibration.figures(actor, query),
    }),
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
