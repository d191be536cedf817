/**
 * A restore while another process keeps committing to the live database (the app left open
 * beside the command-line tool, a sync client, a script): every write that process saw
 * committed must end up in the safety backup or in the restored database. None may land in
 * the gap between the safety snapshot and the replacement, where it would be in neither.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  workspaceRestoreRequest,
  backUpWorkspace,
  cheapKey,
  fileKeyOf,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { decryptToBytes } from '../../test/main/backup/format/test-support';
import { restoreBackup } from './restore-backup';

const ws = useWorkspace();

// Commits one note per turn, a millisecond apart, and prints what happened to each.
const WRITER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 5000 });
const insert = db.prepare("INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (?, ?, '', ?, ?)");
let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();
let n = 0;
(function step() {
  if (stop) {
    db.close();
    process.stdout.write('closed\\n');
    return;
  }
  const id = 'writer-' + n++;
  try {
    insert.run(id, id, Date.now(), Date.now());
    process.stdout.write('ok ' + id + '\\n');
  } catch (error) {
    process.stdout.write('refused ' + id + ' ' + error.code + '\\n');
  }
  setTimeout(step, 1);
})();
`;

function startWriter(database: string) {
  const child = spawn(process.execPath, ['-e', WRITER, require.resolve('better-sqlite3'), database]);
  const committed: string[] = [];
  const refused: string[] = [];
  let closed = false;
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [what, id] = line.split(' ');
      if (what === 'ok' && id !== undefined) committed.push(id);
      else if (what === 'refused' && id !== undefined) refused.push(id);
      else if (what === 'closed') closed = true;
    }
  });
  return {
    committed,
    refused,
    async waitForCommits(count: number): Promise<void> {
      const target = committed.length + count;
      await expect
        .poll(() => committed.length, { timeout: 20_000, interval: 5 })
        .toBeGreaterThanOrEqual(target);
    },
    async stop(): Promise<void> {
      child.stdin.end();
      await expect.poll(() => closed, { timeout: 20_000 }).toBe(true);
    },
  };
}

function noteIds(image: Uint8Array | string): Set<string> {
  const bytes = typeof image === 'string' ? image : Buffer.from(image);
  // An in-memory image must say "rollback journal" to open (see openPlaintextDatabase).
  if (typeof bytes !== 'string') bytes.fill(1, 18, 20);
  const db = new Database(bytes, { readonly: typeof bytes === 'string' });
  try {
    return new Set(db.prepare('SELECT id FROM notes').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

describe('a restore while another process keeps committing', () => {
  it('keeps every committed write: in the safety backup, or in the restored notes after it', async () => {
    const key = await cheapKey();
    makeNotesDatabase(ws.db, 30, 200, 7);
    const backupFile = await backUpWorkspace(ws, key);
    const backupIds = noteIds(ws.db);
    for (const suffix of ['', '-wal', '-shm']) rmSync(ws.db + suffix, { force: true });
    // Large enough that the safety backup takes a while: the window the writer must not slip into.
    makeNotesDatabase(ws.db, 400, 20_000, 8);
    const currentIds = noteIds(ws.db);

    const writer = startWriter(ws.db);
    try {
      await writer.waitForCommits(20);
      const result = await restoreBackup(
        workspaceRestoreRequest(ws, backupFile, { keySource: key, safetyKeySource: key }),
      );
      await writer.waitForCommits(20);
      await writer.stop();
      if (result.safetyBackup === null) throw new Error('expected a safety backup');

      const safety = noteIds(
        await decryptToBytes(result.safetyBackup, await fileKeyOf(result.safetyBackup, key)),
      );
      const restored = noteIds(ws.db);
      const lost = writer.committed.filter((id) => !safety.has(id) && !restored.has(id));
      expect({ lost: lost.length, first: lost.slice(0, 5) }).toEqual({ lost: 0, first: [] });
      // The safety backup holds the notes as they were, the writer's early ones included...
      for (const id of currentIds) expect(safety.has(id)).toBe(true);
      // ...and the restore replaced them all: the backup's notes and later writes, nothing older.
      for (const id of currentIds) expect(restored.has(id)).toBe(false);
      for (const id of backupIds) expect(restored.has(id)).toBe(true);
      expect(restored.size).toBe(backupIds.size + writer.committed.filter((id) => !safety.has(id)).length);
    } finally {
      await writer.stop().catch(() => undefined);
    }
  });
});
