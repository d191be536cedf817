import { openSync, closeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { backupFileName } from '../src-main/backup/backup-names';
import { expect, test } from './support/bridge';
import { NotesPage } from './support/notes-page';

// A retention change that would delete backups kept now waits for main's own dialog; a "no"
// there saves nothing, and the window's field goes back to the value still in force.
test.afterEach(({ bridge }) => {
  expect(bridge.logged).toEqual([]);
});

test("a retention change refused in main's dialog leaves the setting, and the field shows it again", async ({
  page,
  bridge,
}) => {
  await bridge.services.settings.chooseBackupFolder();
  for (const hoursAgo of [1, 2, 3]) {
    const name = backupFileName(new Date(Date.now() - hoursAgo * 3_600_000), 'scheduled');
    const file = openSync(join(bridge.backupFolder, name), 'wx');
    ftruncateSync(file, 6 * 1024 * 1024);
    closeSync(file);
  }
  const app = new NotesPage(page);
  await app.open();
  await app.toolbar.getByRole('button', { name: 'Settings' }).click();
  const keeping = page
    .getByRole('region', { name: 'Settings' })
    .getByRole('group', { name: 'Keeping old backups' });

  // A cap all three fit under deletes nothing more: saved without a question.
  const limit = keeping.getByRole('checkbox', { name: 'Limit the space these backups take' });
  await limit.click();
  await expect(limit).toBeChecked();
  await expect.poll(() => bridge.services.settings.get().retention.capMegabytes).toBe(5120);
  expect(bridge.dialogs.asked).toEqual([]);

  bridge.dialogs.confirm = false;
  const keep = keeping.getByRole('spinbutton', { name: 'Always keep the newest' });
  await keep.fill('1');
  await expect(page.getByRole('alert')).toContainText(
    'The setting was not changed, so no backup is deleted because of it.',
  );
  await expect(keep).toHaveValue('10');
  const cap = keeping.getByRole('spinbutton', { name: 'Keep them under' });
  await cap.fill('10');
  await expect.poll(() => bridge.dialogs.asked.length).toBe(2);
  await expect(cap).toHaveValue('5120');
  expect(bridge.dialogs.asked.map((question) => question.message)).toEqual([
    'Delete 2 backups at the next clean-up?',
    'Delete 2 backups at the next clean-up?',
  ]);
  expect(bridge.services.settings.get().retention).toEqual({
    keepLast: 10,
    thinDailyWeekly: false,
    capMegabytes: 5120,
  });
});
