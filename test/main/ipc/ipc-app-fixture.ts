/**
 * Test support for the IPC tests that exercise every channel: the app's real services, built
 * by the real composition root (createAppServices) over a temporary user-data folder, with the
 * real job worker (bundled by worker-test-support), SQLite and libsodium. The seams are the
 * ones the end-to-end bridge uses: dialogs that answer with temp paths, the scheduler's test
 * clock and the in-memory test keychain. Not imported by production code.
 *
 * The backups the channels read are copies of one template backup made once per test file
 * with libsodium's minimum work factors, so checking, previewing, browsing and restoring one
 * takes milliseconds of Argon2id instead of seconds.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcEvent } from '../../../src-shared/ipc/contract';
import type { Note } from '../../../src-shared/notes';
import { createAppServices } from '../../../src-main/app/app-services';
import type { AppServices } from '../../../src-main/app/app-services';
import { createBackup } from '../../../src-main/backup/create-backup';
import { deriveKey } from '../../../src-main/backup/format/kdf';
import { cheapKdfParams } from '../backup/format/test-support';
import { buildJobWorker } from '../backup/worker/worker-test-support';
import type { BuiltWorker } from '../backup/worker/worker-test-support';
import { closeNotesDatabase, openNotesDatabase } from '../../../src-main/db/open-database';
import { NotesRepository } from '../../../src-main/db/notes-repository';
import { FileSealedKeyStore, SEALED_KEY_FILE } from '../../../src-main/keystore/file-sealed-key-store';
import { InMemorySealer } from '../keystore/test-sealer';
import { TestClock } from '../schedule/test-clock';
import type { IpcEventSink } from '../../../src-main/ipc/event-sink';
import type { ConfirmQuestion } from '../../../src-main/app/dialogs';
import { createIpcHandlers } from '../../../src-main/ipc/app-handlers';
import { createIpcRouter } from '../../../src-main/ipc/router';
import type { IpcRouter } from '../../../src-main/ipc/router';
import type { SenderInfo } from '../../../src-main/ipc/sender-info';
import type { ExternalLinks } from '../../../src-main/app/external-links';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { osScheduleRegistrar } from '../../../src-main/os-schedule/os-schedule-registrar';

export const FIXTURE_PASSKEY = 'amber-lighthouse-cinnamon-17';

/** Made once per test file: the built job worker and a cheap-key backup with two notes. */
export interface IpcTemplate {
  worker: BuiltWorker;
  /** The template backup; every fixture gets copies of it. */
  backupFile: string;
  /** Notes inside the template backup. */
  backedUp: { groceries: Note; old: Note };
  remove(): Promise<void>;
}

export async function createIpcTemplate(): Promise<IpcTemplate> {
  const folder = await mkdtemp(join(tmpdir(), 'nv-ipc-template-'));
  try {
    const worker = await buildJobWorker();
    const databasePath = join(folder, 'template.db');
    const db = openNotesDatabase(databasePath);
    let backedUp: IpcTemplate['backedUp'];
    try {
      const notes = new NotesRepository(db);
      const groceries = notes.create({ title: 'Groceries', body: 'milk and eggs' });
      const old = notes.trash(notes.create({ title: 'Old', body: 'gone' }).id);
      backedUp = { groceries, old };
    } finally {
      closeNotesDatabase(db);
    }
    const kdf = cheapKdfParams();
    const made = await createBackup({
      databasePath,
      destination: folder,
      keySource: { key: await deriveKey(FIXTURE_PASSKEY, kdf), kdf },
      kind: 'manual',
      appVersion: '0.0.0-test',
      tempParent: folder,
    });
    return {
      worker,
      backupFile: made.file,
      backedUp,
      remove: async () => {
        await worker.remove();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** What the example requests of every channel need, each made on demand through the services. */
export interface IpcAppFixture {
  services: AppServices;
  /** The passkey backups open with: the fixture's, until a passkey:change request (valid-requests.ts) changes it. */
  passkey: string;
  backupFolder: string;
  /** Every event the services sent, oldest first. */
  events: { event: IpcEvent; payload: unknown }[];
  /** The system browser, recording: what links:open opened, oldest first. */
  links: ExternalLinks & { opened: string[] };
  /** Paths the stubbed "show in folder" was asked to show. */
  shownInFolder: string[];
  /** What main's folder dialog answers next, oldest first; when empty it answers the backup folder. */
  folderAnswers: (string | null)[];
  /** Main's confirmation dialog: every question asked, and the answer it gets (yes by default). */
  confirmations: { asked: ConfirmQuestion[]; answer: boolean };
  /** The save dialog: the names it offered, and the path it answers (null: cancelled). */
  savedCopies: { offered: string[]; answer: string | null };
  /** Notes inside every backup copy. */
  backedUp: IpcTemplate['backedUp'];
  /** A new live note in the current notes. */
  liveNote(): Note;
  /** A new note in the trash. */
  trashedNote(): Note;
  /** A new copy of the template backup in the backup folder; resolves with its file name. */
  backupCopy(): Promise<string>;
  /** A restore token for a new backup copy, as the backups view's Restore button gets one. */
  restoreToken(): Promise<string>;
  /** Imports the Markdown fixture folder through the app's import job; its undo token. */
  importToken(): Promise<string>;
  /** What the import and export dialogs answer, and what they were asked for. */
  transfer: { importSource: string | null; exportTo: (format: string) => string | null; asked: string[] };
  /** The token a preview of a backup copy issues, which `restore:run` needs. */
  previewedRestoreToken(): Promise<string>;
  /** The open browsing session of a backup copy, opened when none is. */
  browseSession(): Promise<string>;
  /** The commands the OS scheduler's registrar ran: a Linux registrar over a temporary home, recording; nothing runs. */
  osScheduleCommands: string[];
  dispose(): Promise<void>;
}

export interface IpcAppFixtureOptions {
  /** Where events go besides `events` (the main window's sink in the window tests). */
  events?: IpcEventSink;
}

export async function createIpcAppFixture(
  template: IpcTemplate,
  options: IpcAppFixtureOptions = {},
): Promise<IpcAppFixture> {
  const root = await mkdtemp(join(tmpdir(), 'nv-ipc-app-'));
  const userData = join(root, 'userData');
  const backupFolder = join(root, 'backups');
  await mkdir(backupFolder);
  const events: IpcAppFixture['events'] = [];
  const shownInFolder: string[] = [];
  const folderAnswers: (string | null)[] = [];
  const opened: string[] = [];
  const links = { opened, open: (href: string) => Promise.resolve(void opened.push(href)) };
  const confirmations: IpcAppFixture['confirmations'] = { asked: [], answer: true };
  const savedCopies: IpcAppFixture['savedCopies'] = { offered: [], answer: join(root, 'saved-copy') };
  const firstCopy = join(backupFolder, 'ipc-fixture-1.nvbak');
  await copyFile(template.backupFile, firstCopy);
  let copies = 1;
  let exports = 0;
  const osScheduleCommands: string[] = [];
  const transfer: IpcAppFixture['transfer'] = {
    importSource: join(__dirname, '../../fixtures/import/markdown'),
    exportTo: (format) => join(root, `export-${(exports += 1)}${format === 'json' ? '.json' : ''}`),
    asked: [],
  };
  let services: AppServices;
  try {
    services = await createAppServices(userData, {
      dialogs: {
        chooseFolder: () =>
          Promise.resolve(folderAnswers.length > 0 ? (folderAnswers.shift() ?? null) : backupFolder),
        chooseBackupFile: () => Promise.resolve(firstCopy),
        chooseSaveFile: ({ defaultName }) => {
          savedCopies.offered.push(defaultName);
          return Promise.resolve(savedCopies.answer);
        },
        confirm: (question) => {
          confirmations.asked.push(question);
          return Promise.resolve(confirmations.answer);
        },
        showInFolder: (path) => void shownInFolder.push(path),
      },
      transferDialogs: {
        chooseImportSource: (kind) => {
          transfer.asked.push(`import ${kind}`);
          return Promise.resolve(transfer.importSource);
        },
        chooseExportDestination: (format, defaultName) => {
          transfer.asked.push(`export ${format} ${defaultName}`);
          return Promise.resolve(transfer.exportTo(format));
        },
      },
      events: (event, payload) => {
        events.push({ event, payload });
        options.events?.(event, payload);
      },
      workerPath: template.worker.workerPath,
      appVersion: '0.0.0-test',
      platform: process.platform,
      tempParent: join(root, 'tmp'),
      log: () => undefined,
      osSchedule: {
        registrar: osScheduleRegistrar({
          platform: 'linux',
          home: join(root, 'home'),
          env: {},
          uid: 1000,
          userDataDir: userData,
          now: () => Date.now(),
          run: (command, args) => {
            osScheduleCommands.push([command, ...args].join(' '));
            return Promise.resolve({ stdout: '', stderr: '', exitCode: 0 });
          },
        }),
        program: { executable: '/opt/NoteVault/notevault', args: ['--run-scheduled-backup'] },
      },
      schedule: {
        clock: new TestClock(Date.now()),
        keyStore: new FileSealedKeyStore(join(userData, SEALED_KEY_FILE), new InMemorySealer()),
        deriveKey,
        notify: () => undefined,
      },
    });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  await services.settingsStore.setBackupFolder(backupFolder);
  // The health report that change announces is built asynchronously: let it land before the test starts.
  await services.health.refresh();
  events.length = 0;
  const notes = () => services.holder.repository();
  let session: string | undefined;

  const fixture: IpcAppFixture = {
    services,
    links,
    passkey: FIXTURE_PASSKEY,
    backupFolder,
    events,
    shownInFolder,
    folderAnswers,
    confirmations,
    savedCopies,
    transfer,
    backedUp: template.backedUp,
    osScheduleCommands,
    liveNote: () => notes().create({ title: 'Groceries', body: 'oat milk and bread' }),
    trashedNote: () => notes().trash(notes().create({ title: 'Draft', body: 'thrown away' }).id),
    async backupCopy() {
      copies += 1;
      const name = `ipc-fixture-${copies}.nvbak`;
      await copyFile(template.backupFile, join(backupFolder, name));
      return name;
    },
    async restoreToken() {
      return (await services.backup.chooseFromBackupFolder({ name: await fixture.backupCopy() })).token;
    },
    async importToken() {
      const done = await services.transfer.importNotes({ source: 'folder' });
      if (done === null) throw new Error('The fixture import was cancelled.');
      return done.token;
    },
    async previewedRestoreToken() {
      const token = await fixture.restoreToken();
      return (await services.backup.previewRestore({ token, passkey: FIXTURE_PASSKEY })).restoreToken;
    },
    async browseSession() {
      if (session !== undefined && isOpen(services, session)) return session;
      const opened = await services.browse.open(await fixture.backupCopy(), FIXTURE_PASSKEY);
      session = opened.sessionId;
      return session;
    },
    async dispose() {
      services.backup.cancel();
      services.transfer.cancel();
      await services.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
  return fixture;
}

function isOpen(services: AppServices, sessionId: string): boolean {
  try {
    services.browse.notes(sessionId);
    return true;
  } catch {
    return false;
  }
}

/** The main window as the router sees it, for tests that dispatch as the renderer would. */
export const OUR_WINDOW: SenderInfo = {
  webContentsId: 1,
  frameUrl: 'file:///app/out/renderer/index.html',
  isMainFrame: true,
};

export interface RoutedApp {
  readonly fixture: IpcAppFixture;
  readonly router: IpcRouter;
}

/**
 * Registers the hooks that give each test a fresh app (real services, the real job worker)
 * behind the real router, answering OUR_WINDOW only; events the handlers emit are recorded in
 * `fixture.events`. Read the fields inside a test, not at module level.
 */
export function useRoutedApp(): RoutedApp {
  let template: IpcTemplate;
  let fixture: IpcAppFixture | undefined;
  let router: IpcRouter | undefined;
  beforeAll(async () => {
    template = await createIpcTemplate();
  }, 60_000);
  afterAll(() => template.remove());
  beforeEach(async () => {
    const app = await createIpcAppFixture(template);
    const notes = () => app.services.holder.repository();
    fixture = app;
    router = createIpcRouter({
      handlers: createIpcHandlers({ ...app.services, notes, links: app.links }, (event, payload) =>
        app.events.push({ event, payload }),
      ),
      isTrustedSender: (sender) => sender.frameUrl === OUR_WINDOW.frameUrl,
      log: () => undefined,
    });
  });
  afterEach(() => fixture?.dispose());
  return {
    get fixture() {
      if (!fixture) throw new Error('useRoutedApp: read fixture inside a test');
      return fixture;
    },
    get router() {
      if (!router) throw new Error('useRoutedApp: read router inside a test');
      return router;
    },
  };
}
