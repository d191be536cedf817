import {
  copyFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PASSKEY,
  addNotes,
  cheapKey,
  filesIn,
  leftovers,
  makeNotesDatabase,
  sha256File,
  useWorkspace,
  v1BackupOfWorkspace,
  volumeWithFree,
} from '../../../test/main/backup/backup-test-support';
import { expectFailure } from '../../../test/main/backup/format/test-support';
import { closeNotesDatabase, openNotesDatabase } from '../../db/open-database';
import { NotesRepository } from '../../db/notes-repository';
import { createBackup } from '../create-backup';
import type { CreateBackupResult } from '../create-backup';
import { encryptFileToFile } from '../format/encrypt-stream';
import { keyIdOf, newFileKey, publicKeyOf } from '../format/v2/way-in-keys';
import { manifestOf } from '../manifest/backup-manifest';
import type { BackupManifest } from '../manifest/backup-manifest';
import { openPlaintextDatabase } from '../notes-database-checks';
import type { JobControls } from '../progress';
import { snapshotDatabase } from '../snapshot';
import { passkeyPublic, recipientsFor } from '../write-keys';
import { PasskeyDerivations } from '../rekey/passkey-derivations';
import { rekeyFile } from '../rekey/rekey-file';
import { NEW_PASSKEY, passkeyWayIn } from '../../../test/main/backup/rekey-test-support';
import { drillBackup } from './drill-backup';
import type { DrillRequest } from './drill-backup';

const ws = useWorkspace();

async function backUp(at = new Date('2026-12-01T10:00:00.000Z')): Promise<CreateBackupResult> {
  return createBackup({
    databasePath: ws.db,
    destination: ws.backups,
    keySource: await cheapKey(),
    kind: 'scheduled',
    appVersion: '0.1.0',
    tempParent: ws.temp,
    now: () => at,
  });
}

/** The drill H2's service runs: with what the catalogue recorded when the backup was written. */
function drillOf(
  made: CreateBackupResult,
  overrides: Partial<DrillRequest> = {},
  controls: JobControls = {},
) {
  return drillBackup(
    {
      file: made.file,
      expected: { size: made.size, fileSha256: made.fileSha256, createdAt: made.metadata.createdAt },
      keySource: { passkey: PASSKEY },
      tempParent: ws.temp,
      ...overrides,
    },
    controls,
  );
}

function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from([bytes[offset]! ^ 0x01]), 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

function expectNoPlaintextLeft(): void {
  expect(filesIn(ws.temp)).toEqual([]);
  expect(leftovers(ws.temp, ws.backups)).toEqual([]);
}

describe('drillBackup on a good backup', () => {
  for (const [path, inMemoryLimit] of [
    ['in memory', undefined],
    ['through wiped temp files', 0],
  ] as const) {
    it(`restores it ${path} into a sandbox and reports its note count and time`, async () => {
      makeNotesDatabase(ws.db, 25, 3000);
      const made = await backUp();
      const live = readFileSync(ws.db);
      const result = await drillOf(made, { inMemoryLimit });
      expect(result).toMatchObject({
        ok: true,
        noteCount: 25,
        attachmentCount: 0,
        createdAt: '2026-12-01T10:00:00.000Z',
        manifestChecked: true,
        size: made.size,
        fileSha256: sha256File(made.file),
        headerRewritten: false,
      });
      expect(result.seconds).toBeGreaterThan(0);
      // The live database is never touched, and no plaintext is left behind.
      expect(readFileSync(ws.db).equals(live)).toBe(true);
      expectNoPlaintextLeft();
    });
  }

  it("drills a scheduled backup unattended, with this device's key (no passkey, no Argon2id)", async () => {
    makeNotesDatabase(ws.db, 7, 500);
    const deviceKey = crypto.getRandomValues(new Uint8Array(32));
    const passkey = await passkeyPublic(await cheapKey());
    const made = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: passkey,
      alsoOpenWith: { device: await publicKeyOf(deviceKey) },
      kind: 'scheduled',
      appVersion: '0.1.0',
      tempParent: ws.temp,
    });
    const phases = new Set<string>();
    const result = await drillBackup(
      {
        file: made.file,
        expected: { size: made.size, fileSha256: made.fileSha256, createdAt: made.metadata.createdAt },
        keySource: { deviceKey },
        tempParent: ws.temp,
      },
      { onProgress: (p) => phases.add(p.phase) },
    );
    expect(result).toMatchObject({ ok: true, noteCount: 7, manifestChecked: true });
    expect(phases.has('deriving-key')).toBe(false);
    expectNoPlaintextLeft();
  });

  it('drills a backup written before manifests (format 1) without its manifest check', async () => {
    makeNotesDatabase(ws.db, 4, 200);
    const file = await v1BackupOfWorkspace(ws, await cheapKey());
    const result = await drillBackup({ file, keySource: { passkey: PASSKEY }, tempParent: ws.temp });
    expect(result).toMatchObject({
      ok: true,
      noteCount: 4,
      manifestChecked: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expectNoPlaintextLeft();
  });
});

describe('drillBackup on a file changed after writing', () => {
  it.each([
    ['in its data', (size: number) => Math.floor(size / 2)],
    ['in its passkey slot (would read as a wrong passkey)', () => 100],
    ['in its last byte', (size: number) => size - 1],
  ])('names the file when one byte was flipped %s', async (_where, offset) => {
    makeNotesDatabase(ws.db, 25, 3000);
    const made = await backUp();
    flipByte(made.file, offset(made.size));
    const error = await expectFailure(
      drillOf(made),
      'BACKUP_DAMAGED',
      `The backup "${basename(made.file)}" has changed since it was made (some of its bytes differ from those written)`,
    );
    expect(error.details).toContain(made.fileSha256);
    expectNoPlaintextLeft();
  });

  it('names the file and says how much shorter it is when it was cut short', async () => {
    makeNotesDatabase(ws.db, 25, 3000);
    const made = await backUp();
    truncateSync(made.file, made.size - 1000);
    await expectFailure(
      drillOf(made),
      'BACKUP_DAMAGED',
      `The backup "${basename(made.file)}" has changed since it was made (it is 1,000 bytes shorter)`,
    );
    expectNoPlaintextLeft();
  });

  it('names the file when an older backup was put under its name (another size)', async () => {
    makeNotesDatabase(ws.db, 25, 3000);
    const older = await backUp(new Date('2026-11-01T10:00:00.000Z'));
    addNotes(ws.db, 300, 2);
    const newer = await backUp();
    expect(older.size).not.toBe(newer.size);
    copyFileSync(older.file, newer.file);
    await expectFailure(
      drillOf(newer),
      'BACKUP_DAMAGED',
      `The backup "${basename(newer.file)}" has changed since it was made (it is another backup, made `,
    );
    expectNoPlaintextLeft();
  });

  it('names the file when an older backup of the same size was put under its name, told by its name alone', async () => {
    makeNotesDatabase(ws.db, 25, 3000);
    const older = await backUp(new Date('2026-11-01T10:00:00.000Z'));
    const newer = await backUp();
    // Same notes: the same size, so only the bytes (and the time inside) tell them apart.
    expect(older.size).toBe(newer.size);
    copyFileSync(older.file, newer.file);
    await expectFailure(
      drillOf(newer, { expected: { size: newer.size, fileSha256: newer.fileSha256 } }),
      'BACKUP_DAMAGED',
      `The backup "${basename(newer.file)}" has changed since it was made (it is another backup, made `,
    );
    expectNoPlaintextLeft();
  });
});

describe('drillBackup after a passkey change', () => {
  it('passes a backup whose header the change rewrote in place, and gives its new hash to record', async () => {
    makeNotesDatabase(ws.db, 25, 3000);
    const made = await backUp();
    const newWay = await passkeyWayIn(NEW_PASSKEY);
    const derivations = new PasskeyDerivations({ old: PASSKEY, new: NEW_PASSKEY });
    const outcome = await rekeyFile(made.file, {
      oldPasskey: PASSKEY,
      newPasskey: NEW_PASSKEY,
      deriveOld: derivations.deriverFor('old'),
      deriveNew: derivations.deriverFor('new'),
      newRecipient: { kind: 'passkey', kdf: newWay.kdf, publicKey: newWay.publicKey },
      newKeyId: await keyIdOf(newWay.publicKey),
      mayDerive: () => true,
    });
    expect(outcome).toMatchObject({ status: 'changed' });
    expect(sha256File(made.file)).not.toBe(made.fileSha256);
    const result = await drillOf(made, { keySource: { passkey: NEW_PASSKEY } });
    expect(result).toMatchObject({
      ok: true,
      noteCount: 25,
      headerRewritten: true,
      size: statSync(made.file).size,
      fileSha256: sha256File(made.file),
    });
    expectNoPlaintextLeft();
  });

  it('still names a rewritten file that is another backup', async () => {
    makeNotesDatabase(ws.db, 25, 3000);
    const older = await backUp(new Date('2026-11-01T10:00:00.000Z'));
    const newer = await backUp();
    copyFileSync(older.file, newer.file);
    await expectFailure(
      drillOf(newer),
      'BACKUP_DAMAGED',
      `The backup "${basename(newer.file)}" has changed since it was made (it is another backup, made `,
    );
  });

  it('does not blame the file for a failure that is not about it (a full temp drive)', async () => {
    makeNotesDatabase(ws.db, 25, 3000);
    const made = await backUp();
    flipByte(made.file, Math.floor(made.size / 2));
    // The drill could not be tried, which is not a verdict on the file (unchanged or not).
    await expectFailure(
      drillOf(made, { inMemoryLimit: 0 }, { fileLayer: { fs: volumeWithFree(1000) } }),
      'DISK_FULL',
    );
    expectNoPlaintextLeft();
  });
});

describe('drillBackup against the manifest', () => {
  /**
   * A backup of the workspace written through the real encrypt path, whose manifest describes
   * `described` instead of what the payload holds: a payload that decrypts, passes its hash and
   * its note count, but is not what was backed up.
   */
  async function backupWithManifestOf(described: string): Promise<string> {
    const db = openPlaintextDatabase(described, { readonly: true });
    let manifest: BackupManifest;
    try {
      manifest = manifestOf(db);
    } finally {
      db.close();
    }
    const dir = mkdtempSync(join(ws.temp, 'notevault-tmp-doctored-'));
    const fileKey = newFileKey();
    try {
      const snapshot = join(dir, 'snapshot.db');
      const facts = await snapshotDatabase(ws.db, snapshot);
      const passkey = await passkeyPublic(await cheapKey());
      const file = join(ws.backups, 'NoteVault-2026-12-01T10-00-00Z.nvbak');
      await encryptFileToFile(
        snapshot,
        file,
        { formatVersion: 2, fileKey, recipients: recipientsFor(passkey) },
        {
          appVersion: '0.1.0',
          schemaVersion: facts.schemaVersion,
          createdAt: '2026-12-01T10:00:00.000Z',
          noteCount: facts.noteCount,
          kind: 'manual',
          manifest,
        },
      );
      return file;
    } finally {
      fileKey.fill(0);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  function otherDatabase(change: (notes: NotesRepository, ids: string[]) => void): string {
    const path = join(ws.root, 'described.db');
    copyFileSync(ws.db, path);
    const db = openNotesDatabase(path);
    try {
      const notes = new NotesRepository(db);
      change(
        notes,
        notes.list({ limit: 500 }).items.map((note) => note.id),
      );
    } finally {
      closeNotesDatabase(db);
    }
    return path;
  }

  it('catches a payload that holds fewer notes than were backed up, with the counts', async () => {
    makeNotesDatabase(ws.db, 30, 500);
    const described = otherDatabase(() => undefined);
    const live = openNotesDatabase(ws.db);
    try {
      const notes = new NotesRepository(live);
      for (const id of notes.list({ limit: 5 }).items.map((note) => note.id)) {
        notes.trash(id);
        notes.purge(id);
      }
    } finally {
      closeNotesDatabase(live);
    }
    const file = await backupWithManifestOf(described);
    const error = await expectFailure(
      drillBackup({ file, keySource: { passkey: PASSKEY }, tempParent: ws.temp }),
      'BACKUP_DAMAGED',
      `The backup "${basename(file)}" opens, but 5 of its 30 notes are missing: make a new backup now.`,
    );
    expect(error.details).toContain('records 30 notes');
    expectNoPlaintextLeft();
  });

  it('catches a payload whose notes differ from what was backed up, with the same count', async () => {
    makeNotesDatabase(ws.db, 30, 500);
    const described = otherDatabase((notes, ids) =>
      notes.update(ids[3]!, { body: 'What was really backed up' }),
    );
    const file = await backupWithManifestOf(described);
    await expectFailure(
      drillBackup({ file, keySource: { passkey: PASSKEY }, tempParent: ws.temp, inMemoryLimit: 0 }),
      'BACKUP_DAMAGED',
      `The backup "${basename(file)}" opens, but its notes are not the ones backed up (some differ): make a new backup now.`,
    );
    expectNoPlaintextLeft();
  });

  it('passes the same payload written with its own manifest (the doctoring is what fails)', async () => {
    makeNotesDatabase(ws.db, 30, 500);
    const file = await backupWithManifestOf(otherDatabase(() => undefined));
    const result = await drillBackup({ file, keySource: { passkey: PASSKEY }, tempParent: ws.temp });
    expect(result).toMatchObject({ noteCount: 30, manifestChecked: true, size: statSync(file).size });
  });
});
