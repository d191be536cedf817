import { toNoteVaultError } from '../db/database-errors';
import { openLiveReadOnly } from './live-database';
import { checkNotesDatabase, openPlaintextDatabase } from './notes-database-checks';
import type { NotesDatabaseFacts } from './notes-database-checks';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { report } from './progress';
import { SNAPSHOT_ADVICE } from './snapshot';

export interface MemorySnapshot extends NotesDatabaseFacts {
  /** The compacted database image; the caller zeroes it when done. */
  bytes: Buffer;
  size: number;
}

/**
 * The in-memory twin of snapshotDatabase for databases that fit comfortably in memory: the
 * plaintext never reaches the disk, so there is nothing to wipe and no SSD or copy-on-write
 * caveat. `serialize()` copies every page inside one explicit read transaction (one
 * consistent moment, like VACUUM INTO); the copy is then opened as an in-memory database and
 * vacuumed there, which drops free pages that may still hold deleted notes and gives the same
 * compact, rollback-journal image VACUUM INTO would have written to a file.
 */
export function snapshotDatabaseToMemory(
  databasePath: string,
  controls: JobControls & { nativeBinding?: string } = {},
): MemorySnapshot {
  throwIfCancelled(controls.signal, 'The backup');
  report(controls, 'snapshot', 0, 1);
  let image: Buffer;
  const live = openLiveReadOnly(databasePath, controls.nativeBinding);
  try {
    live.exec('BEGIN');
    // A deferred transaction only takes its snapshot at the first read.
    live.prepare('SELECT count(*) FROM sqlite_schema').get();
    image = live.serialize();
    live.exec('COMMIT');
  } catch (cause) {
    throw toNoteVaultError(cause, databasePath);
  } finally {
    live.close();
  }

  try {
    const copy = openPlaintextDatabase(image, { nativeBinding: controls.nativeBinding });
    try {
      copy.exec('VACUUM');
      const facts = checkNotesDatabase(copy, {
        label: `the snapshot of ${databasePath}`,
        advice: SNAPSHOT_ADVICE,
      });
      const bytes = copy.serialize();
      report(controls, 'snapshot', 1, 1);
      return { ...facts, bytes, size: bytes.length };
    } finally {
      copy.close();
    }
  } catch (cause) {
    throw toNoteVaultError(cause, databasePath);
  } finally {
    image.fill(0);
  }
}
