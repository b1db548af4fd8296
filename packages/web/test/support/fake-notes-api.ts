import { editNoteRequest, type Note, note as noteSchema, putNoteRequest } from '@pairwise/domain';

/*
 * A stand-in for `fetch` that plays the notes API in the web's unit tests, which may open no
 * socket. It keeps the server's contract where the outbox depends on it: the PUT is idempotent
 * under the client's id, requests are checked against the same zod schemas the server uses, and
 * every answer is parsed with the response schema, so the fake cannot drift into a shape the
 * server never sends. The real API is exercised by the integration tests and the e2e journeys.
 */
export type Reachability = 'up' | 'unreachable' | 'failing';

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

const notePath = /^\/api\/interviews\/([^/]+)\/notes(?:\/([^/]+))?$/;

export class FakeNotesApi {
  /** 'unreachable': fetch rejects as when offline; 'failing': the server answers 500. */
  reachability: Reachability = 'up';
  /** How many of the next requests are carried out but their answer lost on the way back. */
  loseAnswers = 0;
  readonly requests: SeenRequest[] = [];
  readonly notes = new Map<string, Note>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The requests that changed a note, as "METHOD text" in the order they arrived. */
  changes(): string[] {
    return this.requests
      .filter((request) => request.method !== 'GET')
      .map((request) => `${request.method} ${(request.body as { text?: string } | null)?.text ?? ''}`.trim());
  }

  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const response = this.answer(String(input), init);
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };

  private answer(path: string, init: RequestInit): Response {
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : null;
    this.requests.push({ method, path, body });
    if (this.reachability === 'unreachable') throw new TypeError('Failed to fetch');
    if (this.reachability === 'failing')
      return json(500, { code: 'internal', message: 'Something went wrong.' });
    const match = notePath.exec(path);
    if (!match) return json(404, { code: 'not_found', message: `No route ${method} ${path}.` });
    const noteId = match[2];
    if (!noteId) {
      if (method !== 'GET') return json(405, { code: 'method', message: 'GET only.' });
      // One page: the fake's interviews are short (the server's paging has its own tests).
      return json(200, {
        notes: [...this.notes.values()].filter((n) => !n.deleted).reverse(),
        nextCursor: null,
      });
    }
    const existing = this.notes.get(noteId);
    const at = this.now().toISOString();
    if (method === 'PUT') {
      const parsed = putNoteRequest.safeParse(body);
      if (!parsed.success) return json(400, { code: 'validation', message: parsed.error.message });
      // Idempotent: a resend of a stored note answers with what is stored.
      if (existing) return json(200, { note: existing });
      const created = noteSchema.parse({
        id: noteId,
        authorId: '00000000-0000-4000-8000-000000000001',
        authorName: 'Nina',
        stage: 'pairing',
        offsetMs: parsed.data.offsetMs,
        text: parsed.data.text,
        tags: parsed.data.tags,
        createdAt: at,
        updatedAt: at,
        deleted: false,
        revisions: [],
      });
      this.notes.set(noteId, created);
      return json(200, { note: created });
    }
    if (!existing || existing.deleted) return json(404, { code: 'not_found', message: 'No such note.' });
    if (method === 'PATCH') {
      const parsed = editNoteRequest.safeParse(body);
      if (!parsed.success) return json(400, { code: 'validation', message: parsed.error.message });
      const edited = noteSchema.parse({
        ...existing,
        ...parsed.data,
        updatedAt: at,
        revisions: [...existing.revisions, { text: existing.text, tags: existing.tags, revisedAt: at }],
      });
      this.notes.set(noteId, edited);
      return json(200, { note: edited });
    }
    if (method === 'DELETE') {
      this.notes.set(noteId, { ...existing, deleted: true, updatedAt: at });
      return json(200, { ok: true });
    }
    return json(405, { code: 'method', message: `No ${method} here.` });
  }
}

function json(status: number, payload: unknown): Response {
  return new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });
}
