/**
 * Restores of hostile backups as the renderer asks for them: the real router, the real services
 * and the real job worker, the restore consent flow (choose, preview, run). A refused backup
 * leaves the live database file byte-identical and no safety backup; a restored one leaves none
 * of the backup's foreign schema. Also: a file swapped after main's consent check is refused
 * by the worker, which hashes exactly the bytes it decrypts.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../src-shared/ipc/contract';
import type { JobGate } from '../app/job-gate';
import { createBackup } from '../backup/create-backup';
import { cheapKey, fileState, makeNotesDatabase } from '../../test/main/backup/backup-test-support';
import {
  HOSTILE_CASES,
  USER_DATA_ROWS,
  hostileBackup,
  userDataRows,
} from '../../test/main/backup/hostile-databases';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

const app = useRoutedApp();

/** The live database file as bytes at rest: the app lets go of it (checkpoint), it is hashed, reopened. */
function liveImage(): Record<string, string> {
  const { holder } = app.fixture.services;
  holder.close();
  try {
    return fileState(holder.databasePath);
  } finally {
    holder.open();
  }
}

/** Every table, index, trigger and view of the live database. */
function liveSchema(): unknown[] {
  const db = new Database(app.fixture.services.holder.databasePath, { readonly: true });
  try {
    return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
  } finally {
    db.close();
  }
}

/** A refusal's message and technical details together. */
function errorText(result: IpcResult<unknown>): string {
  if (result.ok) return '';
  const { message, details } = result.error as { message: string; details?: string };
  return `${message} ${details ?? ''}`;
}

/** Chooses `name` in the backup folder, previews it and, when the preview passes, restores it. */
async function restoreThroughRouter(name: string) {
  const { router, fixture } = app;
  const chosen = await router.dispatch('restore:fromBackupsFolder', { name }, OUR_WINDOW);
  if (!chosen.ok) return { stage: 'choose', result: chosen };
  const { token } = chosen.value as { token: string };
  const preview = await router.dispatch('restore:preview', { token, passkey: fixture.passkey }, OUR_WINDOW);
  if (!preview.ok) return { stage: 'preview', result: preview };
  const { restoreToken } = preview.value as { restoreToken: string };
  const result = await router.dispatch(
    'restore:run',
    { restoreToken, passkey: fixture.passkey, safetySamePasskey: true },
    OUR_WINDOW,
  );
  return { stage: 'run', result };
}

describe('a hostile backup restored through the IPC router', () => {
  HOSTILE_CASES.forEach((hostile, index) => {
    const outcome = hostile.refused
      ? 'is refused and changes nothing'
      : 'restores only the tables and columns NoteVault knows';
    it(`${hostile.name}: ${outcome}`, async () => {
      const { fixture } = app;
      fixture.liveNote();
      const made = join(fixture.backupFolder, '..', 'hostile');
      await mkdir(made, { recursive: true });
      const file = await hostileBackup(made, hostile, await cheapKey(fixture.passkey), index);
      const name = `hostile-${index}.nvbak`;
      await copyFile(file, join(fixture.backupFolder, name));
      const folderBefore = readdirSync(fixture.backupFolder).sort();
      const schemaBefore = liveSchema();
      const before = liveImage();

      const { stage, result } = await restoreThroughRouter(name);

      if (hostile.refused) {
        // The preview already meets every check a restore makes, so no consent is ever issued.
        expect(stage).toBe('preview');
        expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_DAMAGED' } });
        // The technical cause is in the message or its details, whichever the error carries.
        expect(errorText(result)).toMatch(hostile.refused.message);
        // Byte-identical, and no safety backup (it would go into the backup folder).
        expect(liveImage()).toEqual(before);
        expect(readdirSync(fixture.backupFolder).sort()).toEqual(folderBefore);
        return;
      }
      expect(result, stage).toMatchObject({
        ok: true,
        value: {
          restoredNotes: 5,
          restoredAlso: { tags: 3, attachments: 3, attachmentBytes: 2348, versions: 3 },
          // The live note is not in the backup (another id), so no text of it was replaced.
          keptInHistory: 0,
        },
      });
      // The app's own schema, nothing of the backup's.
      expect(liveSchema()).toEqual(schemaBefore);
      expect(fixture.services.holder.repository().count({ trashed: false })).toBe(5);
      const live = new Database(fixture.services.holder.databasePath, { readonly: true });
      try {
        expect(userDataRows(live)).toEqual({ ...USER_DATA_ROWS, contentAddressed: true });
      } finally {
        live.close();
      }
    });
  });
});

describe('a backup file swapped after the consent check', () => {
  it('is refused by the worker before anything is replaced', async () => {
    const { fixture } = app;
    fixture.liveNote();
    // Another valid backup under the same passkey, holding other notes.
    const other = join(fixture.backupFolder, '..', 'other');
    await mkdir(other);
    makeNotesDatabase(join(other, 'other.db'), 3);
    const swapIn = (
      await createBackup({
        databasePath: join(other, 'other.db'),
        destination: other,
        keySource: await cheapKey(fixture.passkey),
        kind: 'manual',
        appVersion: '0.0.0-test',
        tempParent: other,
      })
    ).file;
    const restoreToken = await fixture.previewedRestoreToken();
    const folderBefore = readdirSync(fixture.backupFolder).sort();
    const before = liveImage();

    // Between main's check of the consented hash and the worker's read of the file.
    const jobs: JobGate = fixture.services.jobs;
    const run = jobs.run.bind(jobs);
    jobs.run = async (job, options) => {
      if (job.kind === 'restore') await copyFile(swapIn, job.request.file);
      return run(job, options);
    };

    const result = await app.router.dispatch(
      'restore:run',
      { restoreToken, passkey: fixture.passkey, safetySamePasskey: true },
      OUR_WINDOW,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(errorText(result)).toMatch(/changed after its preview/);
    expect(liveImage()).toEqual(before);
    expect(readdirSync(fixture.backupFolder).sort()).toEqual(folderBefore);
  });
});
