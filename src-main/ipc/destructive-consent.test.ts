/**
 * Steps that cannot be undone (deleting a backup, deleting a note forever, emptying the trash)
 * wait for the person's answer in the main process's own dialog: a renderer script sending the
 * message alone changes nothing. The real services over the router; only the native dialog is
 * answered by the test.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

const app = useRoutedApp();

describe('consent owned by the main process', () => {
  it('deletes nothing when the person answers Cancel in the native dialog', async () => {
    const backup = await app.fixture.backupCopy();
    const trashed = app.fixture.trashedNote();
    app.fixture.trashedNote();
    app.fixture.confirmations.answer = false;
    const backupsBefore = readdirSync(app.fixture.backupFolder).sort();

    expect(await app.router.dispatch('backups:delete', { name: backup }, OUR_WINDOW)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await app.router.dispatch('notes:purge', { id: trashed.id }, OUR_WINDOW)).toMatchObject({
      ok: true,
    });
    expect(await app.router.dispatch('notes:emptyTrash', undefined, OUR_WINDOW)).toEqual({
      ok: true,
      value: 0,
    });

    expect(readdirSync(app.fixture.backupFolder).sort()).toEqual(backupsBefore);
    expect(app.fixture.services.holder.repository().count({ trashed: true })).toBe(2);
    expect(app.fixture.events).toEqual([]);
    expect(app.fixture.confirmations.asked.map((q) => q.message)).toEqual([
      'Delete this backup?',
      'Delete this note forever?',
      'Empty the trash?',
    ]);
  });

  it('deletes once the person confirms', async () => {
    const backup = await app.fixture.backupCopy();
    const trashed = app.fixture.trashedNote();
    expect(await app.router.dispatch('backups:delete', { name: backup }, OUR_WINDOW)).toMatchObject({
      ok: true,
    });
    expect(await app.router.dispatch('notes:purge', { id: trashed.id }, OUR_WINDOW)).toMatchObject({
      ok: true,
    });
    expect(readdirSync(app.fixture.backupFolder)).not.toContain(backup);
    expect(app.fixture.services.holder.repository().count({ trashed: true })).toBe(0);
    expect(app.fixture.confirmations.asked[0]?.detail).toBe(
      `"${backup}" will be deleted from the backup folder. This cannot be undone.`,
    );
  });
});
