import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  MessageBoxOptions,
  MessageBoxReturnValue,
  OpenDialogOptions,
  OpenDialogReturnValue,
} from 'electron';
import { closeNotesDatabase, openNotesDatabase } from '../../src-main/db/open-database';
import { NotesRepository } from '../../src-main/db/notes-repository';
import { NotesPage } from '../support/notes-page';
import type { BackupAccess } from '../support/scenarios/app-access';
import { test as electronTest } from './electron-app';
import type { NotevaultElectron } from './electron-app';

/** What the stubbed native dialogs answer, kept in the main process (set through electronApp.evaluate). */
interface DialogStubs {
  folder: string | null;
  backupFile: string | null;
  shownInFolder: string[];
  /** Whether the confirmation message box is answered with its first (confirming) button. */
  confirm: boolean;
  /** The `detail` of every confirmation message box, oldest first. */
  asked: string[];
}

type StubbedGlobal = typeof globalThis & { __notevaultDialogStubs?: DialogStubs };

/**
 * Replaces the main process's native dialogs (as Joplin's Playwright tests do), since a test
 * cannot click in an OS dialog: dialog.showOpenDialog answers from DialogStubs, and
 * shell.showItemInFolder records instead of opening a file manager. The app looks both up on
 * the electron module at each call (out/main/index.js), so replacing them there reaches it.
 */
async function installDialogStubs(electron: NotevaultElectron, backupFolder: string): Promise<void> {
  await electron.app.evaluate(({ dialog, shell }, folder) => {
    const stubs: DialogStubs = { folder, backupFile: null, shownInFolder: [], confirm: true, asked: [] };
    (globalThis as StubbedGlobal).__notevaultDialogStubs = stubs;
    const showOpenDialog = (...args: unknown[]): Promise<OpenDialogReturnValue> => {
      // Called as (options) or (window, options).
      const options = args[args.length - 1] as OpenDialogOptions;
      const answer = options.properties?.includes('openDirectory') ? stubs.folder : stubs.backupFile;
      return Promise.resolve(
        answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] },
      );
    };
    const showItemInFolder = (path: string): void => void stubs.shownInFolder.push(path);
    const showMessageBox = (...args: unknown[]): Promise<MessageBoxReturnValue> => {
      const options = args[args.length - 1] as MessageBoxOptions;
      stubs.asked.push(options.detail ?? '');
      return Promise.resolve({
        response: stubs.confirm ? 0 : (options.cancelId ?? 1),
        checkboxChecked: false,
      });
    };
    dialog.showMessageBox = showMessageBox;
    dialog.showOpenDialog = showOpenDialog;
    shell.showItemInFolder = showItemInFolder;
    // A read-only property would ignore the assignment; the test must not reach a real dialog.
    if (
      dialog.showOpenDialog !== showOpenDialog ||
      dialog.showMessageBox !== showMessageBox ||
      shell.showItemInFolder !== showItemInFolder
    ) {
      throw new Error(
        'Could not replace dialog.showOpenDialog or shell.showItemInFolder in the main process.',
      );
    }
  }, backupFolder);
}

function setDialogStub(electron: NotevaultElectron, answer: Partial<DialogStubs>): Promise<void> {
  return electron.app.evaluate((_electron, change) => {
    const stubs = (globalThis as StubbedGlobal).__notevaultDialogStubs;
    if (!stubs) throw new Error('The dialog stubs are not installed: open() the app first.');
    Object.assign(stubs, change);
  }, answer);
}

/**
 * The shared scenarios' access in tier 2: the real app owns its database, so the test seeds
 * the file before the app starts and reads it through a fresh read-only connection each time
 * (WAL lets it read while the app writes, and a connection kept open would still see the old
 * file after a restore replaced it). The native dialogs are stubbed in the main process.
 */
function electronAccess(electron: NotevaultElectron, backupFolder: string): BackupAccess {
  let opened = false;
  return {
    screenshotPrefix: 'electron-',
    backupFolder,
    logged: electron.logged,
    seed(write) {
      if (opened) throw new Error('Seed notes before open(): the app reads its database when it starts.');
      // The Node build of better-sqlite3 from node_modules: the file format is the same.
      const db = openNotesDatabase(electron.databaseFile);
      try {
        const notes = new NotesRepository(db);
        return db.transaction(() => write(notes))();
      } finally {
        closeNotesDatabase(db);
      }
    },
    async open() {
      opened = true;
      const page = await electron.launch();
      await installDialogStubs(electron, backupFolder);
      return new NotesPage(page);
    },
    read(query) {
      const db = openNotesDatabase(electron.databaseFile, { readonly: true });
      try {
        return query(new NotesRepository(db));
      } finally {
        closeNotesDatabase(db);
      }
    },
    dispatch: (channel, payload) => electron.dispatch(channel, payload),
    answerFolderDialog: (folder) => setDialogStub(electron, { folder }),
    answerBackupFileDialog: (backupFile) => setDialogStub(electron, { backupFile }),
    shownInFolder: () =>
      electron.app.evaluate(() => [
        ...((globalThis as StubbedGlobal).__notevaultDialogStubs?.shownInFolder ?? []),
      ]),
    answerConfirmDialog: (confirm) => setDialogStub(electron, { confirm }),
    confirmQuestions: () =>
      electron.app.evaluate(() => [...((globalThis as StubbedGlobal).__notevaultDialogStubs?.asked ?? [])]),
  };
}

/** The tier-2 test with `access` for the shared scenarios (e2e/support/scenarios/). */
export const test = electronTest.extend<{ access: BackupAccess }>({
  access: async ({ electron }, use) => {
    const backupFolder = mkdtempSync(join(tmpdir(), 'notevault-electron-backups-'));
    try {
      await use(electronAccess(electron, backupFolder));
    } finally {
      rmSync(backupFolder, { recursive: true, force: true });
    }
  },
});

export { expect, skipWithoutElectron } from './electron-app';
