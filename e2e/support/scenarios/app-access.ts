import { expect } from '@playwright/test';
import type { TestInfo } from '@playwright/test';
import type { NotesRepository } from '../../../src-main/db/notes-repository';
import type { IpcChannel, IpcResult } from '../../../src-shared/ipc/contract';
import type { NotesPage } from '../notes-page';

/**
 * What a shared scenario needs from the app beyond its window, answered by each end-to-end
 * tier its own way: tier 1 (e2e/support/bridge-access.ts) through the services running in
 * the test process, tier 2 (e2e/electron/electron-access.ts) through the real app's main
 * process and its user-data folder on disk. The scenarios never ask which tier they run in.
 */
export interface AppAccess {
  /** Put before screenshot names, so the two tiers' pictures do not overwrite each other. */
  readonly screenshotPrefix: string;
  /**
   * Writes notes into the app's database before the window opens, all in one transaction
   * (so a large seed is quick), and returns what `write` returns. Only before open(): the
   * window shows what it finds then.
   */
  seed<T>(write: (notes: NotesRepository) => T): T;
  /**
   * Opens the window on the seeded notes and waits until it can be used. `viewport` sizes the
   * browser page in tier 1; the real window in tier 2 keeps the size the app gives it.
   */
  open(viewport?: { width: number; height: number }): Promise<NotesPage>;
  /** Reads the notes as the database holds them now (after a restore too: the file may change). */
  read<T>(query: (notes: NotesRepository) => T): T;
  /** Sends a request as the window's code does, e.g. to change notes "elsewhere". Needs open(). */
  dispatch(channel: IpcChannel, payload: unknown): Promise<IpcResult<unknown>>;
  /** Requests the router logged as refused or failed; the scenarios expect none. */
  readonly logged: readonly string[];
  /** What main's native confirmation dialog answers next (true: the person confirmed). Needs open(). */
  answerConfirmDialog(confirm: boolean): Promise<void>;
  /** The sentences main's confirmation dialog showed (its `detail`), oldest first. */
  confirmQuestions(): Promise<string[]>;
}

/** The native file dialogs and the backup folder, for the backup and restore scenarios. */
export interface BackupAccess extends AppAccess {
  /** An empty folder of the test's, offered for backups; removed after the test. */
  readonly backupFolder: string;
  /** What the native folder picker answers next (null: the person cancelled). Needs open(). */
  answerFolderDialog(folder: string | null): Promise<void>;
  /** What the native "choose a backup file" dialog answers next (null: cancelled). Needs open(). */
  answerBackupFileDialog(file: string | null): Promise<void>;
  /** The paths the app asked the desktop to show in their folder, oldest first. */
  shownInFolder(): Promise<string[]>;
}

/** The value of a successful IPC result; a failed one fails the scenario with its message. */
export function valueOf<T>(result: IpcResult<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result)}`);
  return result.value as T;
}

/** After every scenario: nothing may have reached the router's refusal or failure paths. */
export function expectNoRouterProblems(access: AppAccess): void {
  expect(access.logged).toEqual([]);
}

/** One shared scenario: its test title, the same in both tiers, and its steps. */
export interface Scenario<Access extends AppAccess> {
  title: string;
  run(access: Access, testInfo: TestInfo): Promise<void>;
}
