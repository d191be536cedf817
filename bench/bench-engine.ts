/**
 * The engine as bench/run.mjs sees it: one built file (out/bench/bench-engine.js, built by
 * bench/electron.vite.config.mts with the app's main-process settings) exporting what the
 * benchmark drives, so it measures the same bundled code the app and CLI run.
 * The pipeline functions and the format's stream functions are exported too, so the
 * benchmark can profile single steps in-thread. Nothing in the app imports this.
 */
export { runBackupJob } from '../src-main/backup/worker/run-backup-job';
export type { RunBackupJobOptions } from '../src-main/backup/worker/run-backup-job';
export { createBackup } from '../src-main/backup/create-backup';
export { verifyBackup } from '../src-main/backup/verify-backup';
export { restoreBackup } from '../src-main/backup/restore-backup';
export { IN_MEMORY_LIMIT } from '../src-main/backup/limits';
export { defaultKdfParams, deriveKey } from '../src-main/backup/format/kdf';
export { encryptFileToFile } from '../src-main/backup/format/encrypt-stream';
export { decryptFile } from '../src-main/backup/format/decrypt-stream';
export { closeNotesDatabase, openNotesDatabase } from '../src-main/db/open-database';
export { NotesRepository } from '../src-main/db/notes-repository';
// The passkey change (bench/measure-rekey.mjs): the change itself, and what it takes to make
// v2 backups and backup-keys.json for it to change.
export { changePasskey } from '../src-main/backup/rekey/change-passkey';
export { newFileKey, passkeySecretKey, publicKeyOf } from '../src-main/backup/format/v2/way-in-keys';
export { writeBackupKeys } from '../src-main/backup/keys/backup-keys-file';
