import type { Page } from '@playwright/test';
import { closeNotesDatabase, openNotesDatabase } from '../../src-main/db/open-database';
import { NotesRepository } from '../../src-main/db/notes-repository';
import { test as bridgeTest } from './bridge';
import type { NotevaultBridge } from './bridge';
import { NotesPage } from './notes-page';
import type { BackupAccess } from './scenarios/app-access';

/**
 * The shared scenarios' access in tier 1: the bridge's services run in this process, so the
 * database is read through the live repository and the native dialogs are the bridge's stubs.
 */
function bridgeAccess(page: Page, bridge: NotevaultBridge): BackupAccess {
  let opened = false;
  return {
    screenshotPrefix: '',
    backupFolder: bridge.backupFolder,
    logged: bridge.logged,
    seed(write) {
      if (opened) throw new Error('Seed notes before open(): the window shows what it finds when it opens.');
      // A second connection (WAL allows it), so a large seed goes in as one transaction.
      const db = openNotesDatabase(bridge.services.holder.databasePath);
      try {
        const notes = new NotesRepository(db);
        return db.transaction(() => write(notes))();
      } finally {
        closeNotesDatabase(db);
      }
    },
    async open(viewport) {
      opened = true;
      if (viewport) await page.setViewportSize(viewport);
      const app = new NotesPage(page);
      await app.open();
      return app;
    },
    read: (query) => query(bridge.notes),
    dispatch: (channel, payload) => bridge.dispatch(channel, payload),
    answerFolderDialog(folder) {
      bridge.dialogs.folder = folder;
      return Promise.resolve();
    },
    answerBackupFileDialog(file) {
      bridge.dialogs.backupFile = file;
      return Promise.resolve();
    },
    shownInFolder: () => Promise.resolve([...bridge.dialogs.shownInFolder]),
    answerConfirmDialog(confirm) {
      bridge.dialogs.confirm = confirm;
      return Promise.resolve();
    },
    confirmQuestions: () => Promise.resolve(bridge.dialogs.asked.map((q) => q.detail)),
  };
}

/** The tier-1 test with `access` for the shared scenarios (e2e/support/scenarios/). */
export const test = bridgeTest.extend<{ access: BackupAccess }>({
  access: async ({ page, bridge }, use) => use(bridgeAccess(page, bridge)),
});
