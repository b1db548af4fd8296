import type { Contract, idParams, Note, noteList, notePageQuery } from '@pairwise/domain';
import { call } from '../../lib/api-client.ts';

/** A paged notes route of an interview: its own notes, or the report's. */
export type NotePagesContract = Contract & {
  params: typeof idParams;
  query: typeof notePageQuery;
  response: typeof noteList;
};

/**
 * Every note behind a paged notes route: the server answers a long interview a page at a time
 * (so no answer passes 1 MB), and the pages the user reads show all of them. `first` is a page
 * already in hand, such as the one the report carries.
 */
export async function allNotePages(
  pages: NotePagesContract,
  interviewId: string,
  first?: { notes: Note[]; nextCursor: string | null },
): Promise<Note[]> {
  const params = { id: interviewId };
  let page = first ?? (await call(pages, { params }));
  const notes = [...page.notes];
  while (page.nextCursor) {
    page = await call(pages, { params, query: { cursor: page.nextCursor } });
    notes.push(...page.notes);
  }
  return notes;
}
