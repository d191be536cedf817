import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import type Database from 'better-sqlite3';
import { toNoteVaultError } from '../db/database-errors';
import type { BackupContents } from '../../src-shared/ipc/contract-backup';
import { backupContents } from './backup-contents';
import type { BackupMetadata } from './format/metadata';
import { findLiveDatabase, openLiveReadOnly } from './live-database';
import { cheaperThan } from './safety-backup-key';
import type { KeySource } from './passkey-or-key';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { assertUserDataFitsSchema } from './rebuild-user-data';
import { withCheckedBackup } from './with-checked-backup';

export interface PreviewRestoreRequest {
  file: string;
  /** The live database, read (never written) to compare its notes with the backup's. */
  databasePath: string;
  keySource: KeySource;
  /** Parent of the private temp folder if the payload is too large for memory. Default os.tmpdir(). */
  tempParent?: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
  /** At most this many titles per list; the counts are always complete. Default 500. */
  titleLimit?: number;
}

/** A note named in the preview; the title is what a person recognises, the id what was compared. */
export interface PreviewNote {
  id: string;
  title: string;
}

export interface PreviewList {
  count: number;
  /** The first `titleLimit` notes, by title. */
  notes: PreviewNote[];
}

export interface RestorePreview {
  metadata: BackupMetadata;
  /** In the backup but not among the current notes: a restore brings them back. */
  comeBack: PreviewList;
  /** Among the current notes but not in the backup: a restore removes them. */
  disappear: PreviewList;
  /** In both, with a different title, text or modification time: a restore puts the backup's version back. */
  change: PreviewList;
  unchanged: number;
  /** Tags, attachments and kept versions in the backup, which a restore brings back too. */
  alsoInside: BackupContents;
  /**
   * The file's passkey was stretched with less Argon2id work than NoteVault uses: whoever
   * made it chose weak protection (or shared it so). The safety backup never inherits it.
   */
  cheaperKeyThanDefault: boolean;
}

interface NoteFingerprint {
  title: string;
  /** SHA-256 of title, body and updated_at: equal fingerprints mean the restore changes nothing. */
  digest: string;
}

const DEFAULT_TITLE_LIMIT = 500;

/**
 * What a restore of `file` would do, without doing it: the backup is decrypted and checked
 * exactly as a restore would check it (so a wrong passkey or damage shows up here), and its
 * notes are compared by id with the live database's, which is opened read-only. Plaintext
 * stays in memory when small, otherwise in a private temp folder wiped before this returns.
 */
export async function previewRestore(
  request: PreviewRestoreRequest,
  controls: JobControls = {},
): Promise<RestorePreview> {
  const { file } = request;
  return withCheckedBackup(
    { ...request, tempParent: request.tempParent ?? tmpdir(), purpose: 'preview' },
    controls,
    'The restore preview',
    async ({ db, metadata, kdf }) => {
      // The rules the restore's rebuild will meet, so a backup it would refuse is refused here,
      // with the same words, before the person is asked to consent to it.
      await assertUserDataFitsSchema(db, controls, {
        cancelled: 'The preview was cancelled.',
        nativeBinding: request.nativeBinding,
      });
      const inBackup = fingerprints(db, file);
      const alsoInside = backupContents(db);
      throwIfCancelled(controls.signal, 'The restore preview');
      const current = await currentFingerprints(request);
      return {
        ...compareNotes(metadata, inBackup, current, request.titleLimit ?? DEFAULT_TITLE_LIMIT),
        alsoInside,
        cheaperKeyThanDefault: kdf !== undefined && cheaperThan(kdf),
      };
    },
    () => 'The restore preview was made, but',
  );
}

async function currentFingerprints(request: PreviewRestoreRequest): Promise<Map<string, NoteFingerprint>> {
  // No live database yet (a new machine): every note in the backup comes back.
  const live = await findLiveDatabase(request.databasePath, {}, request.nativeBinding);
  if (live === null) return new Map();
  const db = openLiveReadOnly(request.databasePath, request.nativeBinding);
  try {
    return fingerprints(db, request.databasePath);
  } finally {
    db.close();
  }
}

function fingerprints(db: Database.Database, label: string): Map<string, NoteFingerprint> {
  const result = new Map<string, NoteFingerprint>();
  try {
    const rows = db.prepare('SELECT id, title, body, updated_at FROM notes').raw().iterate() as Iterable<
      [string, string, string, number]
    >;
    for (const [id, title, body, updatedAt] of rows) {
      const digest = createHash('sha256')
        .update(JSON.stringify([title, body, updatedAt]))
        .digest('hex');
      result.set(id, { title, digest });
    }
  } catch (cause) {
    throw toNoteVaultError(cause, label);
  }
  return result;
}

/** Pure: exported for its unit test. */
export function compareNotes(
  metadata: BackupMetadata,
  inBackup: ReadonlyMap<string, NoteFingerprint>,
  current: ReadonlyMap<string, NoteFingerprint>,
  titleLimit: number,
): Omit<RestorePreview, 'cheaperKeyThanDefault' | 'alsoInside'> {
  const comeBack: PreviewNote[] = [];
  const change: PreviewNote[] = [];
  const disappear: PreviewNote[] = [];
  let unchanged = 0;
  for (const [id, note] of inBackup) {
    const now = current.get(id);
    if (now === undefined) comeBack.push({ id, title: note.title });
    else if (now.digest !== note.digest) change.push({ id, title: note.title });
    else unchanged++;
  }
  for (const [id, note] of current) if (!inBackup.has(id)) disappear.push({ id, title: note.title });
  const list = (notes: PreviewNote[]): PreviewList => ({
    count: notes.length,
    notes: notes
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
      .slice(0, titleLimit),
  });
  return { metadata, comeBack: list(comeBack), disappear: list(disappear), change: list(change), unchanged };
}
