import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup } from '../../src-main/backup/create-backup';
import type { KdfParams } from '../../src-main/backup/format/kdf';
import { deriveKey } from '../../src-main/backup/format/kdf';
import { closeNotesDatabase, openNotesDatabase } from '../../src-main/db/open-database';
import { NotesRepository } from '../../src-main/db/notes-repository';

/**
 * A backup made by another installation (its own database, its own backup-keys.json, none of
 * which this one sees), written by the product's createBackup into `folder` as `fileName`.
 * Restored onto an install that keeps no passkey yet, it is the one case where the restore
 * dialog still asks which passkey protects the copy of the current notes: once a passkey is
 * kept, that copy is written for its public key and nothing is asked. Without `kdf`, the
 * passkey is stretched with NoteVault's default costs, as the person's own backups are.
 */
export async function backupMadeElsewhere(options: {
  folder: string;
  fileName: string;
  passkey: string;
  notes: readonly { title: string; body: string }[];
  kdf?: KdfParams;
}): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'nv-elsewhere-'));
  try {
    const databasePath = join(work, 'notes.db');
    const db = openNotesDatabase(databasePath);
    const notes = new NotesRepository(db);
    for (const note of options.notes) notes.create(note);
    closeNotesDatabase(db);
    const { kdf, passkey } = options;
    const made = await createBackup({
      databasePath,
      destination: join(options.folder, options.fileName),
      keySource: kdf === undefined ? { passkey } : { key: await deriveKey(passkey, kdf), kdf },
      kind: 'manual',
      appVersion: '1.0.0',
    });
    return made.file;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
