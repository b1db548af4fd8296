import { notesApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { NotesService } from './service.ts';

export function notesRoutes(notes: NotesService, audit: AuditLog) {
  return [
    implement(notesApi.list, {
      summary: "My notes on an interview (the whole panel's once everyone submitted), a page at a time",
      access: 'signed_in',
      handler: async ({ actor, params, query }) => notes.list(actor, params.id, query),
    }),
    implement(notesApi.put, {
      summary: 'Save a note under its client-generated id (idempotent)',
      access: 'signed_in',
      handler: async ({ actor, params, body, request }) => ({
        note: await notes.put(actor, params.id, params.noteId, body, audit.inTransaction(request)),
      }),
    }),
    implement(notesApi.edit, {
      summary: 'Edit a note; the previous wording is kept as a revision',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        note: await notes.edit(actor, params.id, params.noteId, body),
      }),
    }),
    implement(notesApi.remove, {
      summary: 'Delete a note (kept as a revision)',
      access: 'signed_in',
      handler: async ({ actor, params }) => {
        await notes.remove(actor, params.id, params.noteId);
        return { ok: true as const };
      },
    }),
  ];
}
