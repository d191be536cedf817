import { expect } from '@playwright/test';
import type { BackupCreated, ChosenRestoreFile } from '../src-shared/ipc/contract-backup';
import { test } from './support/bridge-access';
import { valueOf } from './support/scenarios/app-access';

// Tier 1: the attack of issue #13 as a page script would make it, through the real router:
// choosing a backup and restoring it at once, with no preview, replaces nothing.
test('a restore without its preview is refused and the notes stay', async ({ access }) => {
  access.seed((notes) => notes.create({ title: 'In the backup', body: '' }));
  await access.open();
  await access.answerFolderDialog(access.backupFolder);
  valueOf(await access.dispatch('settings:chooseBackupFolder', undefined), 'settings:chooseBackupFolder');
  const passkey = 'ochre-violin-tundra-2291';
  const made = valueOf<BackupCreated>(await access.dispatch('backup:create', { passkey }), 'backup:create');
  await access.dispatch('notes:create', { title: 'Written after', body: '' });

  const chosen = valueOf<ChosenRestoreFile>(
    await access.dispatch('restore:fromBackupsFolder', { name: made.fileName }),
    'restore:fromBackupsFolder',
  );
  const result = await access.dispatch('restore:run', { restoreToken: chosen.token, passkey });
  expect(result).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: expect.stringMatching(/^Preview the backup again before restoring it/),
    },
  });
  expect(
    access.read((notes) =>
      notes
        .list()
        .items.map((n) => n.title)
        .sort(),
    ),
  ).toEqual(['In the backup', 'Written after']);
});
