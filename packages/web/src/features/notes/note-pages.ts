import type { Note } from '@pairwise/domain';
import { api } from '../../lib/api-client.ts';

/**
 * Every note behind a paged notes route: the server answers a long interview a page at a time
 * (so no answer passes 1 MB), and the pages the user reads show all of them. `first` is a page
 * already in hand, such as the one the report carries.
 */
export async function allNotePages(
  path: string,
  first?: { notes: Note[]; nextCursor: string | null },
): Promise<Note[]> {
  let page = first ?? (await api.get<{ notes: Note[]; nextCursor: string | null }>(path));
  const notes = [...page.notes];
  while (page.nextCursor) {
    page = await api.get<{ notes: Note[]; nextCursor: string | null }>(
      `${path}?cursor=${encodeURIComponent(page.nextCursor)}`,
    );
    notes.push(...page.notes);
  }
  return notes;
}
