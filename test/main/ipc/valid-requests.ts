import type { IpcArgsInput, IpcChannel } from '../../../src-shared/ipc/contract';
import type { IpcAppFixture } from './ipc-app-fixture';
import { PNG_1X1 } from '../db/attachment-fixtures';

/**
 * For every channel of the contract, a request that passes its validation and succeeds
 * against a fresh IpcAppFixture, whatever ran before it on the same fixture: whatever it needs
 * (a note, a backup copy, a restore token, a browsing session) it makes through the services,
 * never through IPC. Typed per channel, so a channel added to the contract without an example
 * here is a compile error in every test that sends one of each.
 */
export type ValidRequests = {
  [C in IpcChannel]: (fixture: IpcAppFixture) => IpcArgsInput<C> | Promise<IpcArgsInput<C>>;
};

export const validRequests: ValidRequests = {
  'notes:list': () => ({ trashed: true }),
  'notes:get': (f) => ({ id: f.liveNote().id }),
  'notes:create': () => ({ title: 'New', body: 'text' }),
  'notes:update': (f) => ({ id: f.liveNote().id, patch: { title: 'Changed' } }),
  'notes:search': () => ({ query: 'groceries' }),
  'notes:trash': (f) => ({ id: f.liveNote().id }),
  'notes:restore': (f) => ({ id: f.trashedNote().id }),
  'notes:purge': (f) => ({ id: f.trashedNote().id }),
  'notes:emptyTrash': () => undefined,
  'notes:discardEmpty': (f) => ({ id: f.liveNote().id }),
  'notes:count': () => ({ trashed: true }),
  'tags:list': () => undefined,
  'tags:ofNote': (f) => ({ id: f.liveNote().id }),
  'tags:add': (f) => ({ id: f.liveNote().id, tags: ['work/projects'] }),
  'tags:remove': (f) => ({ id: tagged(f, 'work').id, tags: ['work'] }),
  'tags:rename': (f) => {
    tagged(f, 'work/x');
    return { from: 'work', to: 'job' };
  },
  'tags:delete': (f) => {
    tagged(f, 'work');
    return { name: 'work' };
  },
  'links:open': () => ({ url: 'https://example.com/' }),
  'attachments:add': () => ({ data: PNG_1X1, fileName: 'dot.png', mediaType: 'image/png' }),
  'attachments:info': (f) => ({ sha256: referencedAttachment(f) }),
  'attachments:read': (f) => ({ sha256: referencedAttachment(f) }),
  'attachments:saveCopy': (f) => ({ sha256: referencedAttachment(f) }),
  'transfer:import': () => ({ source: 'folder' }),
  'transfer:export': () => ({ format: 'json', history: true }),
  'transfer:cancel': () => undefined,
  'recoveryCode:status': () => undefined,
  'recoveryCode:create': () => undefined,
  'recoveryCode:revoke': () => undefined,
  // Every backup then opens with the new passkey only, so requests after it use that one.
  'passkey:change': (f) => {
    const request = { oldPasskey: f.passkey, newPasskey: 'correct horse battery staple orbit' };
    f.passkey = request.newPasskey;
    return request;
  },
  'passkey:cancel': () => undefined,
  'backups:retentionPreview': () => ({ destinationId: 'primary' }),
  'drills:status': () => undefined,
  'drills:runNow': (f) => ({ passkey: f.passkey }),
  'drills:cancel': () => undefined,
  'health:report': () => undefined,
  'transfer:undoImport': async (f) => ({ token: await f.importToken() }),

  'backup:getFolder': () => undefined,
  'backup:plan': () => undefined,
  // A backup of no notes is refused (issue #14), so there is one to back up.
  'backup:create': (f) => {
    f.liveNote();
    return { passkey: f.passkey };
  },
  'backup:cancel': () => undefined,
  'restore:chooseFile': () => undefined,
  'restore:fromBackupsFolder': async (f) => ({ name: await f.backupCopy() }),
  'restore:preview': async (f) => ({ token: await f.restoreToken(), passkey: f.passkey }),
  'restore:run': async (f) => ({
    restoreToken: await f.previewedRestoreToken(),
    passkey: f.passkey,
    safetySamePasskey: true,
  }),

  'settings:get': () => undefined,
  'settings:update': () => ({ notifyOnSuccess: true }),
  'settings:chooseBackupFolder': () => undefined,
  // Main's dialog answers a folder beside the backup folder (not inside it).
  'settings:addDestination': (f) => {
    f.folderAnswers.push(`${f.backupFolder}-second`);
    return undefined;
  },
  'settings:removeDestination': async (f) => {
    const id = 'd0123abcd';
    const retention = { keepLast: 3, thinDailyWeekly: false };
    await f.services.settingsStore.setExtraDestinations([
      { id, folder: `${f.backupFolder}-extra`, retention },
    ]);
    return { id };
  },
  'destinations:status': () => undefined,
  'destinations:catchUp': () => undefined,
  'schedule:keychainStatus': () => undefined,
  'schedule:enable': (f) => ({ interval: 'daily', passkey: f.passkey }),
  'schedule:disable': () => undefined,
  'schedule:status': () => undefined,
  'osSchedule:status': () => undefined,
  'backups:list': () => undefined,
  'backups:verify': async (f) => ({ name: await f.backupCopy(), passkey: f.passkey }),
  'backups:delete': async (f) => ({ name: await f.backupCopy() }),
  'backups:showInFolder': async (f) => ({ name: await f.backupCopy() }),
  'browse:open': async (f) => ({ name: await f.backupCopy(), passkey: f.passkey }),
  'browse:list': async (f) => ({ sessionId: await f.browseSession(), trashed: true }),
  'browse:search': async (f) => ({ sessionId: await f.browseSession(), query: 'milk' }),
  'browse:get': async (f) => ({ sessionId: await f.browseSession(), id: f.backedUp.groceries.id }),
  'browse:bringBack': async (f) => ({
    sessionId: await f.browseSession(),
    ids: [f.backedUp.old.id],
    mode: 'replace',
  }),
  'browse:close': async (f) => ({ sessionId: await f.browseSession() }),
  'versions:list': (f) => ({ id: f.liveNote().id, limit: 10 }),
  'versions:get': (f) => keptVersion(f),
  'versions:restore': (f) => keptVersion(f),
};

/** A live note with one kept version, as a bring-back over it leaves it. */
function keptVersion(fixture: IpcAppFixture): { id: string; seq: number } {
  const { id } = fixture.liveNote();
  const kept = fixture.services
    .noteVersions()
    .keepBefore(id, 'before-bring-back', { title: 'From the backup', body: 'older text' });
  if (!kept) throw new Error('A version should have been kept.');
  return { id, seq: kept.seq };
}

/** An image stored and referred to by a live note, as a paste and the save after it leave it. */
function referencedAttachment(fixture: IpcAppFixture): string {
  const notes = fixture.services.holder.repository();
  const added = notes.attachments.add({ data: PNG_1X1, fileName: 'dot.png', mediaType: 'image/png' });
  notes.create({ title: 'With an image', body: added.markdown });
  return added.sha256;
}

/** The fixture's live note, carrying `tag` (put on through the services). */
function tagged(f: IpcAppFixture, tag: string) {
  const note = f.liveNote();
  f.services.holder.repository().tags.add(note.id, [tag]);
  return note;
}

/** The valid request of `channel`, prepared on `fixture`. */
export async function validRequest(channel: IpcChannel, fixture: IpcAppFixture): Promise<unknown> {
  // One channel at a time: TypeScript cannot pair a union key with its own member type.
  const example = validRequests[channel] as (fixture: IpcAppFixture) => unknown;
  return await example(fixture);
}
