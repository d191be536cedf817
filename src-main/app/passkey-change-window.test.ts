/**
 * The window's passkey change over the real ChangePasskeyService, job worker and v2 backups:
 * main's question comes first, and a Cancel pressed at any moment is honoured, also before the
 * job exists to take it. Only the native dialog is answered by the test.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IpcEventName } from '../../src-shared/ipc/names';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import {
  NEW_PASSKEY,
  OLD_PASSKEY,
  keepKeys,
  makeV2Folder,
  passkeyWayIn,
  whichPasskeyOpens,
} from '../../test/main/backup/rekey-test-support';
import { ChangePasskeyService } from './change-passkey-service';
import type { ConfirmQuestion } from './dialogs';
import { JobGate } from './job-gate';
import { PasskeyChangeWindow } from './passkey-change-window';

let built: BuiltWorker;
beforeAll(async () => {
  built = await buildJobWorker();
}, 60_000);
afterAll(() => built.remove());

let root = '';
let files: string[] = [];
let events: IpcEventName[] = [];
let answer: (question: ConfirmQuestion) => Promise<boolean>;
let window: PasskeyChangeWindow;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'nv-passkey-change-window-'));
  const backups = join(root, 'backups');
  const keysFolder = join(root, 'data');
  mkdirSync(backups);
  mkdirSync(keysFolder);
  const oldWay = await passkeyWayIn(OLD_PASSKEY);
  files = await makeV2Folder(backups, 3, oldWay);
  await keepKeys(keysFolder, oldWay);
  events = [];
  answer = () => Promise.resolve(true);
  window = new PasskeyChangeWindow({
    changes: new ChangePasskeyService({
      keysFolder,
      backupFolders: () => [backups],
      jobs: new JobGate(built.workerPath),
    }),
    backupFolder: () => backups,
    dialogs: { confirm: (question) => answer(question) },
    events: (event) => void events.push(event),
  });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function opening(): Promise<string[]> {
  return Promise.all(files.map((file) => whichPasskeyOpens(file, [OLD_PASSKEY, NEW_PASSKEY])));
}

describe('PasskeyChangeWindow', () => {
  it('asks in main first; a "no" changes nothing, a "yes" changes every backup, with progress', async () => {
    answer = () => Promise.resolve(false);
    expect(await window.change(OLD_PASSKEY, NEW_PASSKEY)).toBeNull();
    expect(await opening()).toEqual([OLD_PASSKEY, OLD_PASSKEY, OLD_PASSKEY]);
    expect(events).toEqual([]);

    answer = () => Promise.resolve(true);
    const done = await window.change(OLD_PASSKEY, NEW_PASSKEY);
    expect(done).toMatchObject({ changed: 3, notChanged: [] });
    expect(await opening()).toEqual([NEW_PASSKEY, NEW_PASSKEY, NEW_PASSKEY]);
    expect(events).toContain('passkey:didProgress');
  }, 60_000);

  it('a Cancel pressed while main still asks stops the change before any backup is touched', async () => {
    let agree: (yes: boolean) => void = () => undefined;
    answer = () => new Promise((resolve) => (agree = resolve));
    const change = window.change(OLD_PASSKEY, NEW_PASSKEY);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The service has no job yet to stop; the window keeps the request.
    expect(window.cancel()).toBe(true);
    agree(true);
    await expect(change).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await opening()).toEqual([OLD_PASSKEY, OLD_PASSKEY, OLD_PASSKEY]);
    expect(window.cancel()).toBe(false);
  }, 60_000);

  it('a weak new passkey is refused before main asks anything', async () => {
    const asked: ConfirmQuestion[] = [];
    answer = (question) => {
      asked.push(question);
      return Promise.resolve(true);
    };
    await expect(window.change(OLD_PASSKEY, 'password1')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(asked).toEqual([]);
  });
});
