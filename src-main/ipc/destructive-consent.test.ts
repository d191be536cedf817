/**
 * Steps that cannot be undone (deleting a backup, deleting a note forever, emptying the trash)
 * wait for the person's answer in the main process's own dialog: a renderer script sending the
 * message alone changes nothing. The real services over the router; only the native dialog is
 * answered by the test.
 */
import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIpcAppFixture, createIpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import type { IpcAppFixture, IpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import { createIpcHandlers } from './app-handlers';
import { createIpcRouter } from './router';
import type { IpcRouter } from './router';
import type { SenderInfo } from './sender-info';

const OUR_WINDOW: SenderInfo = { webContentsId: 1, frameUrl: 'file:///app/index.html', isMainFrame: true };

let template: IpcTemplate;
beforeAll(async () => {
  template = await createIpcTemplate();
}, 60_000);
afterAll(() => template.remove());

let fixture: IpcAppFixture;
let router: IpcRouter;
beforeEach(async () => {
  fixture = await createIpcAppFixture(template);
  const notes = () => fixture.services.holder.repository();
  router = createIpcRouter({
    handlers: createIpcHandlers({ ...fixture.services, notes }, (event, payload) =>
      fixture.events.push({ event, payload }),
    ),
    isTrustedSender: (sender) => sender === OUR_WINDOW,
    log: () => undefined,
  });
});
afterEach(() => fixture.dispose());

describe('consent owned by the main process', () => {
  it('deletes nothing when the person answers Cancel in the native dialog', async () => {
    const backup = await fixture.backupCopy();
    const trashed = fixture.trashedNote();
    fixture.trashedNote();
    fixture.confirmations.answer = false;
    const backupsBefore = readdirSync(fixture.backupFolder).sort();

    expect(await router.dispatch('backups:delete', { name: backup }, OUR_WINDOW)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await router.dispatch('notes:purge', { id: trashed.id }, OUR_WINDOW)).toMatchObject({ ok: true });
    expect(await router.dispatch('notes:emptyTrash', undefined, OUR_WINDOW)).toEqual({ ok: true, value: 0 });

    expect(readdirSync(fixture.backupFolder).sort()).toEqual(backupsBefore);
    expect(fixture.services.holder.repository().count({ trashed: true })).toBe(2);
    expect(fixture.events).toEqual([]);
    expect(fixture.confirmations.asked.map((q) => q.message)).toEqual([
      'Delete this backup?',
      'Delete this note forever?',
      'Empty the trash?',
    ]);
  });

  it('deletes once the person confirms', async () => {
    const backup = await fixture.backupCopy();
    const trashed = fixture.trashedNote();
    expect(await router.dispatch('backups:delete', { name: backup }, OUR_WINDOW)).toMatchObject({ ok: true });
    expect(await router.dispatch('notes:purge', { id: trashed.id }, OUR_WINDOW)).toMatchObject({ ok: true });
    expect(readdirSync(fixture.backupFolder)).not.toContain(backup);
    expect(fixture.services.holder.repository().count({ trashed: true })).toBe(0);
    expect(fixture.confirmations.asked[0]?.detail).toBe(
      `"${backup}" will be deleted from the backup folder. This cannot be undone.`,
    );
  });
});
