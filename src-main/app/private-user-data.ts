import { join } from 'node:path';
import { ownerRecordPath } from '../db/database-owner';
import { tightenPrivateSync } from '../fsx/private-modes';
import { SEALED_KEY_FILE } from '../keystore/file-sealed-key-store';
import { BACKUP_STATE_FILE } from '../settings/backup-state-store';
import { SETTINGS_FILE } from '../settings/settings-file';
import { WINDOW_STATE_FILE } from '../window/window-state';

/** SQLite's companions of a database file, which share its mode once SQLite creates them. */
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Makes an older install private (issue #13): versions before 0600/0700 left the user-data
 * folder 0755 and the notes database, its companions and the owner record 0644. New files are
 * created private where they are made (private-modes.ts); this catches what already exists.
 * Only the current user's own entries are changed and no link is followed. Run at start-up,
 * before this process opens the database (tightenPrivateSync says why).
 */
export function tightenUserData(userDataDir: string, databasePath: string): void {
  tightenPrivateSync(userDataDir, 'folder');
  const database = [databasePath, ownerRecordPath(databasePath)].flatMap((file) => [
    file,
    ...SQLITE_COMPANIONS.map((suffix) => file + suffix),
  ]);
  const others = [SETTINGS_FILE, BACKUP_STATE_FILE, WINDOW_STATE_FILE, SEALED_KEY_FILE].map((name) =>
    join(userDataDir, name),
  );
  for (const file of [...database, ...others]) tightenPrivateSync(file, 'file');
}
