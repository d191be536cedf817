import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { ipcChannels } from '../../src-shared/ipc/contract';
import type { IpcChannel, IpcResult } from '../../src-shared/ipc/contract';
import { createIpcHandlers } from './app-handlers';
import { createIpcRouter, INTERNAL_ERROR_MESSAGE } from './router';
import type { IpcHandlers, IpcRouter } from './router';
import type { SenderInfo } from './sender-info';
import { createIpcAppFixture, createIpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import type { IpcAppFixture, IpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import { validRequest } from '../../test/main/ipc/valid-requests';

// Every channel of the contract through the real router, over the app's real services
// (testing/ipc-app-fixture.ts). Valid requests per channel are in testing/valid-requests.ts;
// malformed ones below. Both are typed per channel: a new channel without examples does not compile.
const OUR_WINDOW: SenderInfo = {
  webContentsId: 1,
  frameUrl: 'file:///app/out/renderer/index.html',
  isMainFrame: true,
};
const FOREIGN_PAGE: SenderInfo = { webContentsId: 1, frameUrl: 'https://evil.example/', isMainFrame: true };
const isTrustedSender = (sender: SenderInfo) =>
  sender.webContentsId === 1 && sender.frameUrl === OUR_WINDOW.frameUrl;

/** Each malformed payload and a pattern its error message must match (the field, the problem). */
const malformedPayloads: { [C in IpcChannel]: Array<[payload: unknown, mentions: RegExp]> } = {
  'notes:list': [
    ['all', /List options must be an object \(got "all"\)/],
    [{ limit: 0 }, /limit: limit must be a whole number from 1 to 500 \(got 0\)/],
    [{ sort: 'size' }, /sort:/],
    [{ trashed: true, extra: 1 }, /List options has unknown field\(s\) extra/],
  ],
  'notes:get': [
    [undefined, /The request must be an object \(got nothing\)/],
    [{}, /id: A note id must be a non-empty string \(got nothing\)/],
    [{ id: 42 }, /id: A note id must be a non-empty string \(got 42\)/],
  ],
  'notes:create': [
    [{ title: 'x' }, /body: A note body must be text \(got nothing\)/],
    [{ title: 'a'.repeat(501), body: '' }, /title: A title is 501 characters long; the limit is 500/],
    [{ title: 'a\nb', body: '' }, /title: A title must be a single line/],
    [{ title: '', body: 'a\u0002b' }, /body: A note body contains the control character U\+0002/],
    [{ title: '', body: '', id: 'mine' }, /A new note has unknown field\(s\) id/],
    [{ title: '', body: '', pinned: 'yes' }, /pinned:/],
  ],
  'notes:update': [
    [{ id: 'x', patch: {} }, /patch: An update must change at least one of title, body or pinned/],
    [{ id: 'x', patch: { pinned: 'yes' } }, /patch\.pinned:/],
    [{ patch: { title: 'x' } }, /id: A note id must be a non-empty string/],
  ],
  'notes:search': [
    [{}, /query: The search query must be text/],
    [{ query: 5 }, /query: The search query must be text \(got 5\)/],
    [{ query: 'a', limit: 501 }, /limit: limit must be a whole number from 1 to 500/],
    [{ query: 'a'.repeat(1001) }, /query: The search query is 1001 characters long; the limit is 1000/],
  ],
  'notes:trash': [[{ id: '' }, /id: A note id must be a non-empty string \(got ""\)/]],
  'notes:restore': [[{ id: 'x'.repeat(101) }, /id: A note id is at most 100 characters/]],
  'notes:purge': [[null, /The request must be an object \(got null\)/]],
  'notes:emptyTrash': [[{ all: true }, /This request takes no arguments/]],
  'notes:discardEmpty': [[{ id: '' }, /id: A note id must be a non-empty string \(got ""\)/]],
  'notes:count': [[{ trashed: 'yes' }, /trashed:/]],
  'tags:list': [[{ all: true }, /This request takes no arguments/]],
  'tags:ofNote': [[{}, /id: A note id must be a non-empty string \(got nothing\)/]],
  'tags:add': [
    [{ id: 'x', tags: ['/work'] }, /tags\.0: A tag name cannot start or end with "\/"/],
    [{ id: 'x', tags: ['a\u0000b'] }, /tags\.0: A tag name cannot contain control characters/],
    [{ id: 'x', tags: 'work' }, /tags: tags must be a list of tag names/],
    [{ id: 'x', tags: Array<string>(101).fill('a') }, /tags: tags may name at most 100 tags/],
    [{ id: 'x', tags: ['a'], pinned: true }, /The request has unknown field\(s\) pinned/],
  ],
  'tags:remove': [[{ id: 'x' }, /tags: tags must be a list of tag names/]],
  'tags:rename': [
    [{ from: 'a' }, /to: A tag name must be text/],
    [{ from: 'a', to: '  ' }, /to: A tag name cannot be empty/],
  ],
  'tags:delete': [[{ name: 'a//b' }, /name: A tag name cannot start or end with/]],
  'links:open': [
    [{}, /url: A link address must be text/],
    [{ url: 'x'.repeat(2049) }, /url: A link address is at most 2048 characters/],
    [{ url: 'https://example.com/', target: '_blank' }, /unknown field\(s\) target/],
  ],
  'attachments:add': [
    [
      { data: 'iVBORw0KGgo=', fileName: 'a.png', mediaType: 'image/png' },
      /data: An attachment’s content must be bytes/,
    ],
    [
      { data: new Uint8Array([1]), fileName: 'a'.repeat(1025), mediaType: '' },
      /fileName: .* at most 1024 characters/,
    ],
    [
      { data: new Uint8Array([1]), fileName: 'a', mediaType: 'x'.repeat(256) },
      /mediaType: .* at most 255 characters/,
    ],
    [
      { data: new Uint8Array([1]), fileName: 'a', mediaType: '', path: '/etc/passwd' },
      /unknown field\(s\) path/,
    ],
  ],
  'attachments:info': [
    [{ sha256: 'A'.repeat(64) }, /sha256: An attachment is named by the lower-case hex SHA-256/],
  ],
  'attachments:read': [
    [{ sha256: '../notevault.db' }, /sha256: An attachment is named by the lower-case hex SHA-256/],
    [{ path: '/etc/passwd' }, /sha256: An attachment is named by the SHA-256/],
  ],
  'attachments:saveCopy': [[{ sha256: 'a'.repeat(64), to: '/tmp/x' }, /unknown field\(s\) to/]],
  'transfer:import': [
    [{ source: '/home/me/notes' }, /source: Import from a "folder" or a "file"/],
    [{ source: 'folder', path: '/etc' }, /unknown field\(s\) path/],
  ],
  'transfer:export': [
    [{ format: 'pdf', history: false }, /format: Export as "markdown" or "json"/],
    [{ format: 'json', history: false, to: '/tmp/x.json' }, /unknown field\(s\) to/],
  ],
  'transfer:cancel': [[{ all: true }, /This request takes no arguments/]],
  // The code is made in main; the window can neither choose one nor name a folder.
  'recoveryCode:status': [[{ folder: '/' }, /This request takes no arguments/]],
  'recoveryCode:create': [[{ code: 'HWX54-R0EJJ' }, /This request takes no arguments/]],
  'recoveryCode:revoke': [[{ force: true }, /This request takes no arguments/]],
  'passkey:change': [
    [{ newPasskey: 'p' }, /oldPasskey: The passkey must be text/],
    [{ oldPasskey: 'p', newPasskey: '' }, /newPasskey: Enter the passkey/],
    [{ oldPasskey: 'p', newPasskey: 'x'.repeat(1025) }, /newPasskey: A passkey is at most 1024 characters/],
    [{ oldPasskey: 'same', newPasskey: 'same' }, /The new passkey is the same as the current one/],
    [{ oldPasskey: 'a', newPasskey: 'b', folder: '/tmp' }, /Unrecognized key: "folder"/],
  ],
  'passkey:cancel': [[{ all: true }, /This request takes no arguments/]],
  // The window names no backup: main picks them; the way in is bounded as restore's.
  'drills:status': [[{ all: true }, /This request takes no arguments/]],
  'drills:runNow': [
    [{ passkey: 'p', recoveryCode: 'ABCDE-ABCDE' }, /Enter the passkey or the recovery code, not both/],
    [{ passkey: 'x'.repeat(1025) }, /passkey: A passkey is at most 1024 characters/],
    [{ recoveryCode: 'x'.repeat(101) }, /recoveryCode: A recovery code is 8 groups/],
    [{ passkey: 'p', name: 'NoteVault-x.nvbak' }, /Unrecognized key: "name"/],
  ],
  'drills:cancel': [[{ all: true }, /This request takes no arguments/]],
  'health:report': [[{ destination: 'primary' }, /This request takes no arguments/]],
  'transfer:undoImport': [
    [{ noteIds: ['x'] }, /token: The import to undo must be named by its token/],
    [{ token: 'x'.repeat(101) }, /token: This does not look like the token of an import/],
  ],

  'backup:getFolder': [[{}, /This request takes no arguments/]],
  'backup:plan': [[{}, /This request takes no arguments/]],
  'backup:create': [
    [undefined, /expected object/],
    [{ passkey: '' }, /passkey: Enter the passkey/],
    [{ passkey: 'x'.repeat(1025) }, /passkey: A passkey is at most 1024 characters/],
    [{ passkey: 'p', destination: '/tmp' }, /Unrecognized key: "destination"/],
  ],
  'backup:cancel': [['now', /This request takes no arguments/]],
  'restore:chooseFile': [[{ path: '/tmp/x.nvbak' }, /This request takes no arguments/]],
  'restore:fromBackupsFolder': [
    [{ name: '/etc/passwd' }, /name: A backup file name is a name inside the backup folder/],
    [{ name: '..' }, /name: A backup file name is a name inside the backup folder/],
    [{ name: 'x'.repeat(256) }, /name: A backup file name is at most 255 characters/],
    [{ fileName: 'a.nvbak' }, /name: A backup file name must be text/],
  ],
  'restore:preview': [
    [{ token: 't' }, /Enter the passkey of this backup or its recovery code/],
    [{ token: 't', passkey: 7 }, /passkey: The passkey must be text/],
    [{ token: 't', passkey: 'p', recoveryCode: 'HWX54' }, /Enter the passkey or the recovery code, not both/],
    [{ token: 't', recoveryCode: '' }, /recoveryCode: Enter the recovery code/],
    [
      { token: 't', recoveryCode: 'A'.repeat(101) },
      /recoveryCode: A recovery code is 8 groups of 5 characters/,
    ],
    [{ token: '', passkey: 'p' }, /token: Choose a backup file first/],
    [{ file: '/tmp/x.nvbak', passkey: 'p' }, /token: The chosen backup file must be named by its token/],
  ],
  'restore:run': [
    [{ token: 't', passkey: 'p' }, /restoreToken: Preview the backup before restoring it/],
    [{ restoreToken: 'x'.repeat(101), passkey: 'p' }, /restoreToken: This does not look like a token/],
    [{ restoreToken: 't', passkey: 'p', path: '/tmp' }, /Unrecognized key: "path"/],
    [
      { restoreToken: 't', passkey: 'p', safetyPasskey: 'x'.repeat(1025) },
      /safetyPasskey: A passkey is at most 1024/,
    ],
    [
      { restoreToken: 't', passkey: 'p', safetySamePasskey: 'yes' },
      /safetySamePasskey must be true or false/,
    ],
    [
      { restoreToken: 't', passkey: 'p', safetyPasskey: 'mine', safetySamePasskey: true },
      /Either enter your passkey for the copy of your current notes or say it is the same one/,
    ],
    [{ restoreToken: 't' }, /Enter the passkey of this backup or its recovery code/],
    [{ restoreToken: 't', passkey: 'p', recoveryCode: 'HWX54' }, /not both/],
    // The copy of the current notes cannot be "under the same passkey" as a recovery code.
    [
      { restoreToken: 't', recoveryCode: 'HWX54', safetySamePasskey: true },
      /A recovery code is not a passkey/,
    ],
  ],

  'settings:get': [[{ all: true }, /This request takes no arguments/]],
  'settings:update': [
    [{}, /A settings change must change at least one setting/],
    [{ keepLast: 3 }, /Unrecognized key: "keepLast"/],
    [{ retention: { keepLast: 0 } }, /retention\.keepLast: keepLast must be at least/],
    [{ closeToTray: 'yes' }, /closeToTray:/],
    // The renderer never names a path: the folder is chosen only by main's folder dialog.
    [{ backupFolder: '/etc' }, /The backup folder cannot be changed this way/],
    [{ backupFolder: '\\\\host\\share', closeToTray: true }, /The backup folder cannot be changed this way/],
    [{ backupFolder: 'relative/folder' }, /The backup folder cannot be changed this way/],
  ],
  'settings:chooseBackupFolder': [[{ folder: '/' }, /This request takes no arguments/]],
  // A destination is named by its id, never by a folder.
  'backups:retentionPreview': [
    [undefined, /The request must be an object|expected object/i],
    [
      { destinationId: '/home/me/Backups' },
      /destinationId: A destination id is "primary", or "d" and 8 hex digits/,
    ],
    [{ destinationId: 'primary', folder: '/tmp' }, /Unrecognized key/],
  ],
  // The folder comes from main's dialog only, and a destination is named by its id.
  'settings:addDestination': [[{ folder: '/tmp' }, /This request takes no arguments/]],
  'settings:removeDestination': [
    [{ id: 'primary' }, /id: A destination id is "d" and 8 hex digits/],
    [{ id: 'd0123abcd', folder: '/tmp' }, /Unrecognized key/],
  ],
  'destinations:status': [[{ folder: '/' }, /This request takes no arguments/]],
  'destinations:catchUp': [[1, /This request takes no arguments/]],
  'schedule:keychainStatus': [[1, /This request takes no arguments/]],
  'schedule:enable': [
    [{ interval: 'off', passkey: 'p' }, /interval: The schedule must be hourly, daily or weekly/],
    [{ interval: 'daily' }, /passkey: The passkey must be text/],
    [{ interval: 'daily', passkey: '' }, /passkey: Enter the passkey/],
  ],
  'schedule:disable': [[{ forget: true }, /This request takes no arguments/]],
  'schedule:status': [[null, /This request takes no arguments/]],
  'osSchedule:status': [[{ platform: 'win32' }, /This request takes no arguments/]],
  'backups:list': [[{ folder: '/' }, /This request takes no arguments/]],
  'backups:verify': [
    [{ name: '../notevault.db' }, /name: A backup name is a file name inside the backup folder/],
    [{ name: 'a.nvbak', passkey: '' }, /passkey: Enter the passkey/],
    [
      { name: 'a.nvbak', passkey: 'p', recoveryCode: 'HWX54' },
      /Enter the passkey or the recovery code, not both/,
    ],
    [{ name: 'a.nvbak', recoveryCode: 5 }, /recoveryCode: The recovery code must be text/],
  ],
  'backups:delete': [
    [{ name: 'x/../../settings.json' }, /name: A backup name is a file name inside the backup folder/],
    [{ name: '' }, /name: A backup name cannot be empty/],
    [{ name: 'a.nvbak', force: true }, /Unrecognized key: "force"/],
  ],
  'backups:showInFolder': [
    [{ name: 42 }, /name: A backup name must be text/],
    [{ name: '../settings.json' }, /name: A backup name is a file name inside the backup folder/],
    [{ name: 'C:\\Windows\\x.nvbak' }, /name: A backup name is a file name inside the backup folder/],
    [{ name: '' }, /name: A backup name cannot be empty/],
    [{ fileName: 'a.nvbak' }, /name: A backup name must be text/],
  ],
  'browse:open': [
    [{ name: '.' }, /name: A backup name is a file name inside the backup folder/],
    [{ name: 'a.nvbak', passkey: 7 }, /passkey: The passkey must be text/],
    [{ name: 'a.nvbak', recoveryCode: 'A'.repeat(101) }, /recoveryCode: A recovery code is 8 groups/],
  ],
  'browse:list': [
    [{}, /sessionId: A browse session id must be text/],
    [{ sessionId: 's', limit: 0 }, /limit:/],
    [{ sessionId: 's', offset: -1 }, /offset:/],
  ],
  'browse:search': [
    [{ sessionId: 's' }, /query:/],
    [{ sessionId: 's', query: 'a'.repeat(1001) }, /query: The search is too long/],
  ],
  'browse:get': [
    [{ sessionId: 's', id: '' }, /id:/],
    [{ sessionId: 'x'.repeat(101), id: 'n' }, /sessionId: This does not look like a browse session id/],
  ],
  'browse:bringBack': [
    [{ sessionId: 's', ids: [], mode: 'as-new' }, /ids: Select at least one note/],
    [{ sessionId: 's', ids: ['n'], mode: 'merge' }, /mode: mode must be "as-new" or "replace"/],
  ],
  'browse:close': [[{ session: 's' }, /sessionId: A browse session id must be text/]],

  'versions:list': [
    [{}, /id: A note id must be a non-empty string/],
    [{ id: 'n', limit: 201 }, /limit: limit must be a whole number from 1 to 200 \(got 201\)/],
    [{ id: 'n', offset: -1 }, /offset:/],
    [{ id: 'n', all: true }, /The request has unknown field\(s\) all/],
  ],
  'versions:get': [
    [{ id: 'n' }, /seq: A version is named by its number \(got nothing\)/],
    [{ id: 'n', seq: 1.5 }, /seq: A version is named by a whole number from 1 \(got 1.5\)/],
  ],
  'versions:restore': [
    [{ id: 'n', seq: 0 }, /seq: A version is named by a whole number from 1 \(got 0\)/],
    [{ seq: 1 }, /id: A note id must be a non-empty string/],
  ],
};

let template: IpcTemplate;
beforeAll(async () => {
  template = await createIpcTemplate();
});
afterAll(() => template.remove());

describe('createIpcRouter', () => {
  let fixture: IpcAppFixture;
  let ids: { live: string; trashed: string };
  let logged: Array<{ message: string; error: unknown }>;
  let router: IpcRouter;

  const notes = () => fixture.services.holder.repository();
  // Every handler over the real services; notes changes are announced with the services' events.
  const appHandlers = () =>
    createIpcHandlers(
      { ...fixture.services, notes, links: fixture.links },
      (event, payload) => void fixture.events.push({ event, payload }),
    );

  function routerWith(handlers: IpcHandlers): IpcRouter {
    return createIpcRouter({
      handlers,
      isTrustedSender,
      log: (message, error) => logged.push({ message, error }),
    });
  }

  // Everything a request could change, as the user would see it, to prove a refused one changed nothing.
  function snapshot() {
    const { services } = fixture;
    return {
      live: notes().list(),
      trash: notes().list({ trashed: true }),
      backups: readdirSync(fixture.backupFolder).sort(),
      settings: services.settings.get(),
      history: services.history.get(),
      shown: [...fixture.shownInFolder],
      attachments: notes().attachments.count(),
    };
  }

  beforeEach(async () => {
    fixture = await createIpcAppFixture(template);
    const live = notes().create({ title: 'Groceries', body: 'milk and eggs' });
    const trashed = notes().create({ title: 'Old', body: 'gone' });
    notes().trash(trashed.id);
    ids = { live: live.id, trashed: trashed.id };
    logged = [];
    router = routerWith(appHandlers());
  });

  afterEach(() => fixture.dispose());

  it.each(ipcChannels)(
    'refuses %s from a sender that is not our window, changing nothing',
    async (channel) => {
      const payload = await validRequest(channel, fixture);
      const before = snapshot();
      fixture.events.length = 0;
      const result = await router.dispatch(channel, payload, FOREIGN_PAGE);
      expect(result).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringContaining('not its own window') as string },
      });
      expect(snapshot()).toEqual(before);
      expect(fixture.events).toEqual([]);
      expect(logged[0]?.message).toContain(channel);
    },
  );

  it.each(ipcChannels)('accepts a valid %s request from our window and runs its handler', async (channel) => {
    const result = await router.dispatch(channel, await validRequest(channel, fixture), OUR_WINDOW);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(logged).toEqual([]);
  });

  it.each(ipcChannels.flatMap((channel) => malformedPayloads[channel].map((c) => [channel, ...c] as const)))(
    'answers %s with %j by a VALIDATION error naming the problem',
    async (channel, payload, mentions) => {
      const before = snapshot();
      const result = await router.dispatch(channel, payload, OUR_WINDOW);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(new RegExp(`^${channel} was called with invalid arguments: `));
      expect(result.error.message).toMatch(mentions);
      expect(snapshot()).toEqual(before);
      expect(fixture.events).toEqual([]);
    },
  );

  it('refuses an unknown channel by name, and a non-string one', async () => {
    expect(await router.dispatch('notes:format', {}, OUR_WINDOW)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'NoteVault has no request named "notes:format".' },
    });
    const inherited = await router.dispatch('toString', undefined, OUR_WINDOW);
    expect(inherited).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses every request when the trust check itself throws', async () => {
    const fragile = createIpcRouter({
      handlers: appHandlers(),
      isTrustedSender: () => {
        throw new Error('window is gone');
      },
      log: (message, error) => logged.push({ message, error }),
    });
    expect(await fragile.dispatch('notes:count', undefined, OUR_WINDOW)).toMatchObject({ ok: false });
    expect(logged.map((entry) => entry.message).join('\n')).toContain('trusted-sender check threw');
  });

  it('passes the repository’s NoteVaultErrors through with their code and message', async () => {
    const missing = await router.dispatch('notes:get', { id: 'no-such-note' }, OUR_WINDOW);
    expect(missing).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('"no-such-note"') as string },
    });
    // Valid by the contract's shape, refused by the repository's rule (trashed notes are read-only).
    const editTrashed = await router.dispatch(
      'notes:update',
      { id: ids.trashed, patch: { body: 'x' } },
      OUR_WINDOW,
    );
    expect(editTrashed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(editTrashed)).toContain('restore it first');
  });

  it('turns an unexpected error into INTERNAL with no stack or detail, and logs the stack in main', async () => {
    const secret = new TypeError('cannot read properties of undefined (at /home/me/secret.ts:12)');
    const buggy = routerWith({
      ...appHandlers(),
      'notes:count': () => {
        throw secret;
      },
    });
    const result: IpcResult<unknown> = await buggy.dispatch('notes:count', undefined, OUR_WINDOW);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE } });
    expect(Object.keys(result.ok ? {} : result.error).sort()).toEqual(['code', 'message']);
    expect(JSON.stringify(result)).not.toMatch(/secret|TypeError|\bat /);
    expect(logged).toEqual([{ message: 'IPC notes:count failed unexpectedly', error: secret }]);
    expect((logged[0]?.error as Error).stack).toContain('secret.ts');
  });

  it('keeps only code and message of an INTERNAL NoteVaultError, and logs it', async () => {
    const cause = new Error('disk controller detail');
    const buggy = routerWith({
      ...appHandlers(),
      'notes:list': () => {
        throw new NoteVaultError('INTERNAL', 'The clock went backwards.', { cause });
      },
    });
    const result = await buggy.dispatch('notes:list', undefined, OUR_WINDOW);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The clock went backwards.' } });
    expect(JSON.stringify(result)).not.toContain('disk controller');
    expect(logged).toHaveLength(1);
  });

  it('runs each channel against the repository and announces changes', async () => {
    const created = await router.dispatch(
      'notes:create',
      { title: 'Plan', body: 'buy groceries' },
      OUR_WINDOW,
    );
    expect(created).toMatchObject({ ok: true, value: { title: 'Plan', pinned: false } });
    const newId = created.ok ? (created.value as { id: string }).id : '';
    const events = fixture.events;
    expect(events).toEqual([{ event: 'notes:didChange', payload: { reason: 'created', ids: [newId] } }]);

    await router.dispatch('notes:update', { id: newId, patch: { pinned: true } }, OUR_WINDOW);
    expect(notes().get(newId).pinned).toBe(true);

    const found = await router.dispatch('notes:search', { query: 'groceries' }, OUR_WINDOW);
    expect(found.ok && (found.value as unknown[]).length).toBe(2);

    expect(await router.dispatch('notes:emptyTrash', undefined, OUR_WINDOW)).toEqual({ ok: true, value: 1 });
    expect(await router.dispatch('notes:count', { trashed: true }, OUR_WINDOW)).toEqual({
      ok: true,
      value: 0,
    });
    expect(events.map((e) => (e.payload as { reason: string }).reason)).toEqual([
      'created',
      'updated',
      'trashEmptied',
    ]);
  });

  it('discards a note only when main finds it live and blank, never trusting the renderer', async () => {
    const written = notes().create({ title: 'Keep', body: '' });
    const blanked = notes().create({ title: 'x', body: '' });
    notes().update(blanked.id, { title: ' ', body: '\n\t' });
    const trashed = notes().trash(notes().create({ title: '', body: '' }).id);
    const inTrash = notes().count({ trashed: true });
    fixture.events.length = 0;

    expect(await router.dispatch('notes:discardEmpty', { id: written.id }, OUR_WINDOW)).toEqual({
      ok: true,
      value: false,
    });
    expect(await router.dispatch('notes:discardEmpty', { id: trashed.id }, OUR_WINDOW)).toEqual({
      ok: true,
      value: false,
    });
    expect(fixture.events).toEqual([]);
    expect(await router.dispatch('notes:discardEmpty', { id: blanked.id }, OUR_WINDOW)).toEqual({
      ok: true,
      value: true,
    });
    expect(fixture.events).toEqual([
      { event: 'notes:didChange', payload: { reason: 'purged', ids: [blanked.id] } },
    ]);
    // Gone for good: not in the trash, and asking again deletes nothing.
    expect(notes().get(written.id).title).toBe('Keep');
    expect(notes().count({ trashed: true })).toBe(inTrash);
    expect(() => notes().get(blanked.id)).toThrow(/No note with id/);
    expect(await router.dispatch('notes:discardEmpty', { id: blanked.id }, OUR_WINDOW)).toEqual({
      ok: true,
      value: false,
    });
  });
});
