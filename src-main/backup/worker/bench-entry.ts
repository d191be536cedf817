/**
 * The engine as bench/run.mjs sees it: one built file (out/main/bench-engine.js) exporting
 * what the benchmark drives, so it measures the same bundled code the app and CLI run.
 * The pipeline functions and the format's stream functions are exported too, so the
 * benchmark can profile single steps in-thread. Nothing in the app imports this.
 */
export { runBackupJob } from './run-backup-job';
export type { RunBackupJobOptions } from './run-backup-job';
export { createBackup } from '../create-backup';
export { verifyBackup } from '../verify-backup';
export { restoreBackup } from '../restore-backup';
export { IN_MEMORY_LIMIT } from '../limits';
export { defaultKdfParams, deriveKey } from '../format/kdf';
export { encryptFileToFile } from '../format/encrypt-stream';
export { decryptFile } from '../format/decrypt-stream';
export { closeNotesDatabase, openNotesDatabase } from '../../db/open-database';
export { NotesRepository } from '../../db/notes-repository';
