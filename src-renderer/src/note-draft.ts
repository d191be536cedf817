import type { NotevaultApi } from '../../src-shared/ipc/client';
import type { Note, NotePatch } from '../../src-shared/notes';

/** Whitespace alone does not make a note worth keeping. */
export function isBlankNote(note: Pick<Note, 'title' | 'body'>): boolean {
  return note.title.trim() === '' && note.body.trim() === '';
}

/**
 * Saves one editor's note. Opened on an existing note it only updates it. Opened as a draft
 * (id null) nothing exists until a save finds text in the title or body: that save creates the
 * note with all of the current content, and every later save (even one made while the
 * creation is still on its way) updates that one note. A draft left blank is never created.
 */
export class NoteDraft {
  /** The note's id once known; a save made meanwhile waits for the creation here. */
  private created: Promise<string> | null;

  constructor(
    private readonly notes: Pick<NotevaultApi['notes'], 'create' | 'update'>,
    openedId: string | null,
    private readonly onCreated: (id: string) => void = () => undefined,
  ) {
    this.created = openedId === null ? null : Promise.resolve(openedId);
  }

  /** Saves `patch`; `content` is the whole note as typed now. Null: a blank draft, nothing saved. */
  async save(patch: NotePatch, content: Pick<Note, 'title' | 'body' | 'pinned'>): Promise<Note | null> {
    if (this.created === null) {
      if (isBlankNote(content)) return null;
      const creating = this.notes.create({
        title: content.title,
        body: content.body,
        pinned: content.pinned,
      });
      this.created = creating.then((made) => made.id);
      try {
        const made = await creating;
        this.onCreated(made.id);
        return made;
      } catch (error) {
        // The next edit tries again, with all of the content.
        this.created = null;
        throw error;
      }
    }
    const id = await this.created;
    return this.notes.update({ id, patch });
  }

  /** The note's id, or null for a draft that was never created. */
  async id(): Promise<string | null> {
    return this.created === null ? null : this.created;
  }
}
