import { auditApi, auditQuery } from '@pairwise/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineRoute, implement } from '../../platform/http/route.ts';
import type { AuditLog } from './audit-log.ts';

/** Read-only on purpose: there is no route that edits or deletes an audit entry. */
export function auditRoutes(audit: AuditLog) {
  return [
    implement(auditApi.list, {
      summary: 'Audit log entries, newest first, filtered by candidate, user and time (admin)',
      access: 'signed_in',
      handler: async ({ actor, query }) => audit.query(actor, query),
    }),
    // A CSV download, not JSON: no contract.
    defineRoute({
      method: 'GET',
      url: '/api/audit.csv',
      summary: 'The same entries as a CSV download (admin)',
      access: 'signed_in',
      query: auditQuery,
      response: z.string(),
      handler: async ({ actor, query, reply, request }) => {
        const csv = await audit.csv(actor, query);
        // Exporting the log is itself something an auditor wants to see.
        await audit.record({ actor, action: 'audit.export', ip: request.ip, detail: { ...query } });
        reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="pairwise-audit-${DateTime.utc().toISODate()}.csv"`,
          )
          .header('cache-control', 'private, no-store');
        return csv;
      },
    }),
  ];
}
