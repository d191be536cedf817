import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeNotesDatabase, useWorkspace } from '../../test/main/backup/backup-test-support';
import { openLiveReadOnly } from './live-database';
import { openPlaintextDatabase } from './notes-database-checks';
import { PIPELINE_CACHE_SIZE_KIB } from './page-cache';

const ws = useWorkspace();

describe('the page cache of pipeline connections', () => {
  it('is 2 MiB instead of the 16 MB better-sqlite3 compiles in, on the live database and plaintext copies', () => {
    makeNotesDatabase(ws.db, 2);
    const connections = [
      openLiveReadOnly(ws.db),
      openPlaintextDatabase(ws.db, { readonly: true }),
      openPlaintextDatabase(readFileSync(ws.db)),
    ];
    try {
      for (const db of connections) {
        expect(db.pragma('cache_size', { simple: true })).toBe(-PIPELINE_CACHE_SIZE_KIB);
      }
    } finally {
      for (const db of connections) db.close();
    }
  });
});
