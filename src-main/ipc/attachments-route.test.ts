/**
 * attachments:* through the real router, the real notes and attachments handlers, and a real
 * database: who may read which bytes, the cap's sentence, saving a copy through main's dialog,
 * and the rate limit on adds (the router's clock is injected).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../src-shared/attachments';
import { IPC_RATE_LIMITS } from '../../src-shared/ipc/rate-limits';
import type { IpcResult } from '../../src-shared/ipc/contract';
import { AttachmentService } from '../app/attachment-service';
import { notesOnlyHandlers } from '../../test/main/ipc/notes-only-handlers';
import { createTempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import type { TempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import { GIF_1X1, PDF, PNG_1X1 } from '../../test/main/db/attachment-fixtures';
import { createAttachmentsHandlers } from './attachments-handlers';
import { createNotesHandlers } from './notes-handlers';
import { createIpcRouter } from './router';
import type { IpcRouter } from './router';
import type { SenderInfo } from './sender-info';

const OUR_WINDOW: SenderInfo = { webContentsId: 1, frameUrl: 'file:///app/index.html', isMainFrame: true };

let temp: TempNotesDatabase;
let router: IpcRouter;
let now: number;
let saveAnswer: string | null;
let offered: string[];

function routerOver(service: AttachmentService): IpcRouter {
  const handlers = {
    ...createNotesHandlers(
      () => temp.notes,
      () => undefined,
      () => Promise.resolve(true),
    ),
    ...createAttachmentsHandlers(service),
  };
  return createIpcRouter({
    handlers: notesOnlyHandlers(handlers),
    isTrustedSender: () => true,
    log: () => undefined,
    now: () => now,
  });
}

/** A window's session: its own memory of what it just added, over the shared database. */
function newWindow(): IpcRouter {
  return routerOver(
    new AttachmentService({
      repository: () => temp.notes.attachments,
      dialogs: {
        chooseSaveFile: ({ defaultName }) => {
          offered.push(defaultName);
          return Promise.resolve(saveAnswer);
        },
      },
    }),
  );
}

beforeEach(() => {
  temp = createTempNotesDatabase();
  now = 1_000_000;
  saveAnswer = join(temp.folder, 'copy.png');
  offered = [];
  router = newWindow();
});
afterEach(() => temp.dispose());

const call = (channel: Parameters<IpcRouter['dispatch']>[0], payload: unknown) =>
  router.dispatch(channel, payload, OUR_WINDOW);
function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}
const add = async (data: Uint8Array, fileName = 'dot.png') =>
  value<{ sha256: string; markdown: string }>(
    await call('attachments:add', { data, fileName, mediaType: '' }),
  );
const NOT_STORED = {
  ok: false,
  error: {
    code: 'NOT_FOUND',
    message:
      'This attachment is no longer stored in NoteVault; it may have been removed with the notes that used it.',
  },
};

describe('reading bytes', () => {
  it('reads what this window just added, and what a note refers to, in any later window', async () => {
    const { sha256, markdown } = await add(PNG_1X1);
    const read = value<{ data: Uint8Array; mediaType: string }>(await call('attachments:read', { sha256 }));
    expect(Buffer.from(read.data)).toEqual(Buffer.from(PNG_1X1));
    expect(read.mediaType).toBe('image/png');

    router = newWindow();
    expect(await call('attachments:read', { sha256 })).toEqual(NOT_STORED);
    value(await call('notes:create', { title: 'A', body: markdown }));
    expect(await call('attachments:read', { sha256 })).toMatchObject({ ok: true });
  });

  it('refuses bytes no note refers to, even to a window that knows the hash', async () => {
    const stored = temp.notes.attachments.add({ data: GIF_1X1, fileName: 'x.gif', mediaType: '' });
    expect(await call('attachments:read', { sha256: stored.sha256 })).toEqual(NOT_STORED);
    expect(await call('attachments:info', { sha256: stored.sha256 })).toEqual(NOT_STORED);
    expect(await call('attachments:saveCopy', { sha256: stored.sha256 })).toEqual(NOT_STORED);
    expect(offered).toEqual([]);
  });

  it('still reads while the note is in the trash, and never after the trash is emptied', async () => {
    const { sha256, markdown } = await add(PNG_1X1);
    const note = value<{ id: string }>(await call('notes:create', { title: 'A', body: markdown }));
    router = newWindow();
    value(await call('notes:trash', { id: note.id }));
    expect(await call('attachments:read', { sha256 })).toMatchObject({ ok: true });
    expect(value<number>(await call('notes:emptyTrash', undefined))).toBe(1);
    expect(await call('attachments:read', { sha256 })).toEqual(NOT_STORED);
    expect(temp.notes.attachments.count()).toBe(0);
  });
});

describe('adding', () => {
  it('refuses a file over the cap with its one sentence, storing nothing', async () => {
    const data = new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1);
    expect(await call('attachments:add', { data, fileName: 'huge.png', mediaType: 'image/png' })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '“huge.png” was not attached: it is 10.0 MB, and an attachment can be at most 10.0 MB.',
      },
    });
    // Far past the cap, the payload limit refuses it before it is even parsed.
    const huge = new Uint8Array(20 * 1024 * 1024);
    expect(await call('attachments:add', { data: huge, fileName: 'photo.jpg', mediaType: '' })).toMatchObject(
      {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: expect.stringContaining('larger than the 10.01 MiB') as string,
        },
      },
    );
    expect(temp.notes.attachments.count()).toBe(0);
  });

  it('limits adds to a burst, then a few a second', async () => {
    const { burst, perSecond } = IPC_RATE_LIMITS['attachments:add'] ?? { burst: 0, perSecond: 0 };
    for (let i = 0; i < burst; i++) await add(new TextEncoder().encode(`file ${i}`), `${i}.txt`);
    expect(await call('attachments:add', { data: PDF, fileName: 'r.pdf', mediaType: '' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(temp.notes.attachments.count()).toBe(burst);
    now += 1000 / perSecond;
    expect(await call('attachments:add', { data: PDF, fileName: 'r.pdf', mediaType: '' })).toMatchObject({
      ok: true,
    });
  });
});

describe('saving a copy', () => {
  it('writes the bytes where main’s save dialog says, offering the stored name', async () => {
    const { sha256, markdown } = await add(PNG_1X1, 'holiday.png');
    value(await call('notes:create', { title: 'A', body: markdown }));
    expect(await call('attachments:saveCopy', { sha256 })).toEqual({ ok: true, value: true });
    expect(offered).toEqual(['holiday.png']);
    expect(readFileSync(join(temp.folder, 'copy.png'))).toEqual(Buffer.from(PNG_1X1));
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { sha256 } = await add(PNG_1X1);
    saveAnswer = null;
    expect(await call('attachments:saveCopy', { sha256 })).toEqual({ ok: true, value: false });
    expect(existsSync(join(temp.folder, 'copy.png'))).toBe(false);
  });

  it('refuses a relative path from the dialog rather than resolving it', async () => {
    const { sha256 } = await add(PNG_1X1);
    saveAnswer = 'copy.png';
    expect(await call('attachments:saveCopy', { sha256 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
