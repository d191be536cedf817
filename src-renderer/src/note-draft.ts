import { isBlankNote } from '../../src-shared/blank-note';
import type { NotevaultApi } from '../../src-shared/ipc/client';
import type { Note, NotePatch } from '../../src-shared/notes';

export { isBlankNote };

/**
 * Saves one editor's note. Opened on an existing note it only updates it. Opened as a draft
 * (id null) nothing exists until a save finds text in the title or body: that save creates the
 * note with all of the current content, and every later save (even one made while the
 * creation is still on its way) updates that one note. A draft left blank is never created,
 * and one created here but emptied again is discarded when the editor is left (discardIfBlank).
 */
export class NoteDraft {
  /** The note's id once known; a save made meanwhile waits for the creation here. */
  private created: Promise<string> | null;
  /** Only a note this editor created may be discarded: an opened note stays, blank or not. */
  private readonly openedAsDraft: boolean;
  /** The last save, settled or not: a discard waits for it so main sees the final content. */
  private lastSave: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly notes: Pick<NotevaultApi['notes'], 'create' | 'update' | 'discardEmpty'>,
    openedId: string | null,
    private readonly onCreated: (id: string) => void = () => undefined,
  ) {
    this.created = openedId === null ? null : Promise.resolve(openedId);
    this.openedAsDraft = openedId === null;
  }

  /** Saves `patch`; `content` is the whole note as typed now. Null: a blank draft, nothing saved. */
  save(patch: NotePatch, content: Pick<Note, 'title' | 'body' | 'pinned'>): Promise<Note | null> {
    const saving = this.send(patch, content);
    this.lastSave = saving.catch(() => undefined);
    return saving;
  }

  /**
   * Called as the editor is left: a note created here whose `content` is blank again is deleted
   * for good (the issue: a new note "is discarded when left empty"). Main checks that the stored
   * note is blank before deleting it. True when it was discarded.
   */
  async discardIfBlank(content: Pick<Note, 'title' | 'body'>): Promise<boolean> {
    if (!this.openedAsDraft || this.created === null || !isBlankNote(content)) return false;
    await this.lastSave;
    const id = await this.created;
    return this.notes.discardEmpty({ id });
  }

  private async send(
    patch: NotePatch,
    content: Pick<Note, 'title' | 'body' | 'pinned'>,
  ): Promise<Note | null> {
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
