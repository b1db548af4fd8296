import {
  editNoteRequest,
  idParams,
  note,
  noteList,
  notePageQuery,
  noteParams,
  ok,
  putNoteRequest,
} from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { NotesService } from './service.ts';

export function notesRoutes(notes: NotesService, audit: AuditLog) {
  const noteResponse = z.object({ note });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/notes',
      summary: "My notes on an interview (the whole panel's once everyone submitted), a page at a time",
      access: 'signed_in',
      params: idParams,
      query: notePageQuery,
      response: noteList,
      handler: async ({ actor, params, query }) => notes.list(actor, params.id, query),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/notes/:noteId',
      summary: 'Save a note under its client-generated id (idempotent)',
      access: 'signed_in',
      params: noteParams,
      body: putNoteRequest,
      response: noteResponse,
      handler: async ({ actor, params, body, request }) => ({
        note: await notes.put(actor, params.id, params.noteId, body, audit.inTransaction(request)),
      }),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/interviews/:id/notes/:noteId',
      summary: 'Edit a note; the previous wording is kept as a revision',
      access: 'signed_in',
      params: noteParams,
      body: editNoteRequest,
      response: noteResponse,
      handler: async ({ actor, params, body }) => ({
        note: await notes.edit(actor, params.id, params.noteId, body),
      }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/interviews/:id/notes/:noteId',
      summary: 'Delete a note (kept as a revision)',
      access: 'signed_in',
      params: noteParams,
      response: ok,
      handler: async ({ actor, params }) => {
        await notes.remove(actor, params.id, params.noteId);
        return { ok: true as const };
      },
    }),
  ];
}
