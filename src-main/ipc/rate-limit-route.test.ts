/**
 * The write channels' rate limits (src-shared/ipc/rate-limits.ts) through the real router and
 * the real notes handlers over a real database; time is the router's injected clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_RATE_LIMITS } from '../../src-shared/ipc/rate-limits';
import { notesOnlyHandlers } from '../../test/main/ipc/notes-only-handlers';
import { createTempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import type { TempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import { createNotesHandlers } from './notes-handlers';
import { createIpcRouter } from './router';
import type { IpcRouter } from './router';
import type { SenderInfo } from './sender-info';

const OUR_WINDOW: SenderInfo = { webContentsId: 1, frameUrl: 'file:///app/index.html', isMainFrame: true };

let temp: TempNotesDatabase;
let router: IpcRouter;
let now: number;

beforeEach(() => {
  temp = createTempNotesDatabase();
  now = 1_000_000;
  router = createIpcRouter({
    handlers: notesOnlyHandlers(
      createNotesHandlers(
        () => temp.notes,
        () => undefined,
        () => Promise.resolve(true),
      ),
    ),
    isTrustedSender: () => true,
    log: () => undefined,
    now: () => now,
  });
});
afterEach(() => temp.dispose());

const create = (i: number) =>
  router.dispatch('notes:create', { title: `Note ${i}`, body: 'filler' }, OUR_WINDOW);

describe('rate limits on write channels', () => {
  it('refuses a burst beyond the limit, changing nothing, and lets calls through again later', async () => {
    const { burst, perSecond } = IPC_RATE_LIMITS['notes:create'] ?? { burst: 0, perSecond: 0 };
    for (let i = 0; i < burst; i++) expect(await create(i)).toMatchObject({ ok: true });

    const refused = await create(burst);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message: 'NoteVault received that request too many times in a row: wait a moment, then try again.',
        details: `notes:create arrived too fast (more than ${perSecond} a second)`,
      },
    });
    expect(temp.notes.count({ trashed: false })).toBe(burst);

    // One token comes back after 1/perSecond seconds, and only one.
    now += 1000 / perSecond;
    expect(await create(burst + 1)).toMatchObject({ ok: true });
    expect(await create(burst + 2)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(temp.notes.count({ trashed: false })).toBe(burst + 1);
  });

  it('never refuses autosave at typing speed, nor reads at any speed', async () => {
    const note = temp.notes.create({ title: 'Draft', body: '' });
    // Autosave sends at most one save per 400 ms pause (useAutosave): ten minutes of saves
    // four times as fast as that.
    const every = 100;
    for (let i = 0; i < (10 * 60 * 1000) / every; i++) {
      now += every;
      const saved = await router.dispatch(
        'notes:update',
        { id: note.id, patch: { body: `text ${i}` } },
        OUR_WINDOW,
      );
      expect(saved.ok).toBe(true);
    }
    for (let i = 0; i < 1000; i++) {
      expect((await router.dispatch('notes:list', { trashed: false }, OUR_WINDOW)).ok).toBe(true);
    }
  });

  it('keeps each channel in its own bucket', async () => {
    const { burst } = IPC_RATE_LIMITS['notes:create'] ?? { burst: 0 };
    for (let i = 0; i <= burst; i++) await create(i);
    const note = temp.notes.create({ title: 'Other', body: '' });
    expect((await router.dispatch('notes:trash', { id: note.id }, OUR_WINDOW)).ok).toBe(true);
  });

  it('limits every channel that writes and none that only reads', () => {
    const limited = Object.entries(IPC_RATE_LIMITS)
      .filter(([, limit]) => limit !== null)
      .map(([channel]) => channel);
    for (const channel of [
      'notes:create',
      'notes:update',
      'notes:trash',
      'settings:update',
      'backup:create',
      'backups:delete',
      'restore:run',
    ]) {
      expect(limited).toContain(channel);
    }
    for (const channel of ['notes:list', 'notes:get', 'notes:search', 'backups:list', 'browse:list']) {
      expect(limited).not.toContain(channel);
    }
  });
});
