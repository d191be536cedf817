import { MIGRATIONS } from './migrations';

/** 'NVLT' in the SQLite header's application_id field marks a file as a NoteVault database. */
export const NOTEVAULT_APPLICATION_ID = 0x4e564c54;

/** The schema version this build writes; each migration adds exactly one version. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length;
