import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { filesWithPlaintext } from './case-files';
import type { HolderMode } from './protocol';
import { HOLDER_MODES, winPath } from './protocol';
import { BYSTANDERS, bytesFor, expectedOutcome, OPERATIONS, PLAINTEXT_MARK } from './scenarios';
import { notesDatabaseBytes } from './sqlite-fixture';

// The outcome under a hold that outlasts the budget, as measured under Wine 8 with Windows Node 20
// (README "Windows file-locking tier"). Changing a scenario's expectation must change this table too.
const MEASURED_LONG_HOLD: Record<string, Record<HolderMode, 'ok' | 'FILE_LOCKED'>> = {
  'rename-replace': {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'FILE_LOCKED',
    exclusive: 'FILE_LOCKED',
  },
  'rename-source': {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'ok',
    exclusive: 'FILE_LOCKED',
  },
  unlink: {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'ok',
    exclusive: 'FILE_LOCKED',
  },
  'copy-onto': { sqlite: 'ok', 'sqlite-vfs': 'ok', 'share-delete': 'ok', exclusive: 'FILE_LOCKED' },
  'open-write': { sqlite: 'ok', 'sqlite-vfs': 'ok', 'share-delete': 'ok', exclusive: 'FILE_LOCKED' },
  'secure-wipe': {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'ok',
    exclusive: 'FILE_LOCKED',
  },
  'publish-held-final': {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'FILE_LOCKED',
    exclusive: 'FILE_LOCKED',
  },
  'publish-held-partial': {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'ok',
    exclusive: 'FILE_LOCKED',
  },
  'write-atomic': {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'FILE_LOCKED',
    exclusive: 'FILE_LOCKED',
  },
  'sweep-held-leftover': {
    sqlite: 'FILE_LOCKED',
    'sqlite-vfs': 'FILE_LOCKED',
    'share-delete': 'FILE_LOCKED',
    exclusive: 'FILE_LOCKED',
  },
};

describe('the scenarios', () => {
  it('expect the measured table under a long hold, and success under a short one', () => {
    for (const op of OPERATIONS) {
      for (const mode of HOLDER_MODES) {
        expect([op.id, mode, expectedOutcome(op, mode, 'long')]).toEqual([
          op.id,
          mode,
          MEASURED_LONG_HOLD[op.id]?.[mode],
        ]);
        expect(expectedOutcome(op, mode, 'short')).toBe('ok');
      }
    }
    expect(Object.keys(MEASURED_LONG_HOLD).sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
  });

  it('hold a file that exists before the operation, and never let a bystander be touched', () => {
    for (const op of OPERATIONS) {
      const before = op.before();
      expect(Buffer.isBuffer(before[op.held])).toBe(true);
      expect(op.held.startsWith(op.lockedName)).toBe(true);
      for (const name of Object.keys(BYSTANDERS)) expect(before[name]).toBeUndefined();
    }
  });

  it('leave no plaintext behind in any expected folder, whatever the outcome', () => {
    for (const op of OPERATIONS) {
      const before = op.before();
      for (const outcome of ['ok', 'FILE_LOCKED'] as const) {
        expect(filesWithPlaintext(op.after(before, outcome, true))).toEqual([]);
      }
    }
  });
});

describe('bytesFor', () => {
  it('is the same for the same label and different for another', () => {
    expect(bytesFor('a', 100).equals(bytesFor('a', 100))).toBe(true);
    expect(bytesFor('a', 100).equals(bytesFor('b', 100))).toBe(false);
    expect(bytesFor('a', 33)).toHaveLength(33);
  });
});

describe('winPath', () => {
  it("maps an absolute Linux path onto Wine's Z: drive", () => {
    expect(winPath('/tmp/run/case')).toBe('Z:\\tmp\\run\\case');
  });

  it('refuses a relative path', () => {
    expect(() => winPath('tmp/run')).toThrow('Expected an absolute Linux path, got "tmp/run".');
  });
});

describe('notesDatabaseBytes', () => {
  it('is a real SQLite database whose notes carry the plaintext mark', () => {
    const bytes = notesDatabaseBytes('fixture', 3);
    const db = new Database(bytes);
    try {
      const rows = db.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[];
      expect(rows).toHaveLength(3);
      expect(rows.every((row) => row.body.startsWith(`${PLAINTEXT_MARK} fixture note`))).toBe(true);
    } finally {
      db.close();
    }
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });
});
