import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotevaultApi } from '../../src-shared/ipc/client';
import type { NotevaultApi } from '../../src-shared/ipc/client';
import { createNotesHandlers } from '../../src-main/ipc/notes-handlers';
import { createIpcRouter } from '../../src-main/ipc/router';
import type { SenderInfo } from '../../src-main/ipc/sender-info';
import { NoteDraft } from '../../src-renderer/src/note-draft';
import { notesOnlyHandlers } from '../main/ipc/notes-only-handlers';
import { createTempNotesDatabase } from '../main/ipc/temp-notes-database';
import type { TempNotesDatabase } from '../main/ipc/temp-notes-database';

const WINDOW: SenderInfo = { webContentsId: 1, frameUrl: 'file:///app/index.html', isMainFrame: true };
const blank = { title: '', body: '', pinned: false };

// The renderer's draft saving over the real router and repository (issue #14: New note made
// an empty "Untitled" note at once, and untouched ones piled up and were backed up).
describe('NoteDraft', () => {
  let temp: TempNotesDatabase;
  let api: NotevaultApi;

  beforeEach(() => {
    temp = createTempNotesDatabase();
    const router = createIpcRouter({
      handlers: notesOnlyHandlers(
        createNotesHandlers(
          () => temp.notes,
          () => undefined,
          () => Promise.resolve(true),
        ),
      ),
      isTrustedSender: (sender) => sender === WINDOW,
      log: () => undefined,
    });
    api = createNotevaultApi({
      invoke: async (channel, payload) => structuredClone(await router.dispatch(channel, payload, WINDOW)),
      subscribe: () => () => undefined,
    });
  });

  afterEach(() => temp.dispose());

  it('creates nothing while the draft is blank or only whitespace', async () => {
    const draft = new NoteDraft(api.notes, null);
    expect(await draft.save({ title: '' }, blank)).toBeNull();
    expect(await draft.save({ body: '  \n\t' }, { ...blank, body: '  \n\t' })).toBeNull();
    expect(await draft.save({ pinned: true }, { ...blank, pinned: true })).toBeNull();
    expect(await draft.id()).toBeNull();
    expect(temp.notes.list().total).toBe(0);
  });

  it('creates the note with all of its content at the first text, then updates that one note', async () => {
    const created: string[] = [];
    const draft = new NoteDraft(api.notes, null, (id) => created.push(id));
    await draft.save({ pinned: true }, { ...blank, pinned: true });
    const made = await draft.save({ title: 'F' }, { title: 'F', body: '', pinned: true });
    expect(made).toMatchObject({ title: 'F', pinned: true });
    // Saves made while the creation is on its way wait for it: still exactly one note.
    await Promise.all([
      draft.save({ title: 'Ferry' }, { title: 'Ferry', body: '', pinned: true }),
      draft.save({ body: 'at nine' }, { title: 'Ferry', body: 'at nine', pinned: true }),
    ]);
    expect(temp.notes.list().items).toMatchObject([{ title: 'Ferry', body: 'at nine', pinned: true }]);
    expect(created).toEqual([made?.id]);
    expect(await draft.id()).toBe(made?.id);
  });

  it('saves made together before the creation answers make one note, not two', async () => {
    const draft = new NoteDraft(api.notes, null);
    await Promise.all([
      draft.save({ title: 'A' }, { ...blank, title: 'A' }),
      draft.save({ title: 'AB' }, { ...blank, title: 'AB' }),
      draft.save({ body: 'c' }, { ...blank, title: 'AB', body: 'c' }),
    ]);
    expect(temp.notes.list().items).toMatchObject([{ title: 'AB', body: 'c' }]);
  });

  it('only updates a note it was opened on', async () => {
    const existing = temp.notes.create({ title: 'Old', body: '' });
    const draft = new NoteDraft(api.notes, existing.id);
    await draft.save({ title: '' }, { ...blank });
    expect(temp.notes.list().items).toMatchObject([{ id: existing.id, title: '' }]);
    // Left blank, a note it was opened on stays: only a note made here is discarded.
    expect(await draft.discardIfBlank(blank)).toBe(false);
    expect(temp.notes.list().total).toBe(1);
  });

  it('discards for good a note it created that was emptied again, once the last save landed', async () => {
    const draft = new NoteDraft(api.notes, null);
    await draft.save({ title: 'Ferry' }, { ...blank, title: 'Ferry' });
    // The emptying save is still on its way when the editor is left.
    const emptying = draft.save({ title: ' ' }, { ...blank, title: ' ' });
    expect(await draft.discardIfBlank({ title: ' ', body: '' })).toBe(true);
    await emptying;
    expect(temp.notes.list().total).toBe(0);
    expect(temp.notes.list({ trashed: true }).total).toBe(0);
  });

  it('keeps a note it created that still holds text, and discards nothing never created', async () => {
    const never = new NoteDraft(api.notes, null);
    expect(await never.discardIfBlank(blank)).toBe(false);
    const draft = new NoteDraft(api.notes, null);
    await draft.save({ body: 'at nine' }, { ...blank, body: 'at nine' });
    expect(await draft.discardIfBlank({ title: '', body: 'at nine' })).toBe(false);
    // Main reads the stored note, not the renderer's word that it is blank.
    expect(await draft.discardIfBlank(blank)).toBe(false);
    expect(temp.notes.list().items).toMatchObject([{ body: 'at nine' }]);
  });
});
