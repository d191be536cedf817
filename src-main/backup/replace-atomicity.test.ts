/**
 * The experiment behind restore's central decision (docs/backup-pipeline.md): is SQLite's
 * online backup API, writing into the live database, atomic when the writing process is
 * killed? A child process copies a database into the live file one page per step and is
 * SIGKILLed partway; the live file must then hold exactly the old notes or exactly the new.
 */
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeNotesDatabase, useWorkspace } from './backup-test-support';
import { notesDigest } from './notes-database-checks';

const ws = useWorkspace();

// One page per step, each step announced; the parent kills after `killAfter` steps.
const SLOW_COPY = `
const Database = require(process.argv[1]);
const source = new Database(process.argv[2], { readonly: true });
let steps = 0;
source.backup(process.argv[3], {
  progress: ({ remainingPages }) => {
    steps++;
    process.stdout.write(steps + ' ' + remainingPages + '\\n');
    return 1;
  },
}).then(() => process.stdout.write('done\\n'));
`;

interface Outcome {
  signal: NodeJS.Signals | null;
  finished: boolean;
  steps: number;
}

function copyAndKill(source: string, live: string, killAfter: number): Promise<Outcome> {
  const child = spawn(process.execPath, ['-e', SLOW_COPY, require.resolve('better-sqlite3'), source, live]);
  let steps = 0;
  let finished = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    for (const line of text.split('\n')) {
      if (line === 'done') finished = true;
      else if (line !== '') steps = Number(line.split(' ')[0]);
    }
    if (steps >= killAfter) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ signal, finished, steps })));
}

/**
 * Opens the file as SQLite alone would (rolling back a hot journal, ignoring uncommitted WAL
 * frames) without the app's open path, which would switch the journal mode.
 */
function inspect(path: string) {
  const db = new Database(path);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      journal: db.pragma('journal_mode', { simple: true }),
      notes: notesDigest(db),
    };
  } finally {
    db.close();
  }
}

describe("SQLite's backup API into the live database, killed midway", () => {
  for (const journal of ['wal', 'delete'] as const) {
    for (const [oldNotes, newNotes] of [
      [300, 120],
      [120, 300],
    ] as const) {
      it(`leaves the old or the new notes, never a mix (${journal} journal, ${oldNotes} -> ${newNotes} notes)`, async () => {
        const source = join(ws.root, 'backup-copy.db');
        makeNotesDatabase(source, newNotes, 2000, 2);
        makeNotesDatabase(ws.db, oldNotes, 2000, 1);
        if (journal === 'delete') {
          const db = new Database(ws.db);
          db.pragma('journal_mode = DELETE');
          db.close();
        }
        const oldState = inspect(ws.db).notes;
        const newState = inspect(source).notes;
        const pristine = join(ws.root, 'pristine.db');
        copyFileSync(ws.db, pristine);

        const outcomes: string[] = [];
        for (const killAfter of [2, 40, 120]) {
          copyFileSync(pristine, ws.db);
          const run = await copyAndKill(source, ws.db, killAfter);
          expect(run.signal).toBe('SIGKILL');
          // SQLite itself recovers the file: it rolls back the hot journal or ignores the
          // uncommitted WAL frames, and the journal mode is the live database's own.
          const { integrity, journal: mode, notes: after } = inspect(ws.db);
          expect({ integrity, mode }).toEqual({ integrity: 'ok', mode: journal });
          expect([oldState, newState]).toContainEqual(after);
          if (!run.finished) expect(after).toEqual(oldState);
          outcomes.push(run.finished ? 'finished' : `killed after ${run.steps} steps: old`);
        }
        // At least two kills really landed in the middle of the copy.
        expect(outcomes.filter((o) => o.endsWith('old')).length).toBeGreaterThanOrEqual(2);
      });
    }
  }
});
