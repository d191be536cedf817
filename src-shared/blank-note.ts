import type { Note } from './notes';

/**
 * Whitespace alone does not make a note worth keeping: the editor never creates such a note,
 * and main deletes one on request (notes:discardEmpty) only when this holds for what it stores.
 */
export function isBlankNote(note: Pick<Note, 'title' | 'body'>): boolean {
  return note.title.trim() === '' && note.body.trim() === '';
}
