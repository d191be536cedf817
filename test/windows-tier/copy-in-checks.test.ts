import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyBackupInto } from '../../src-main/fsx/copy-into-folder';
import { tempFolders } from '../main/fsx/test-faults';
import { readTree, writeTree } from './case-files';
import type { CopyInEvidence } from './copy-in-checks';
import { judgeCopyIn } from './copy-in-checks';
import { COPY_IN_NAME, copyInSha256, copyInSource, STAGING_FOLDER } from './copy-in-scenario';
import type { RunnerResult } from './protocol';
import { BYSTANDERS } from './scenarios';

const DATA = 'Z:\\tmp\\run\\copy-in\\data';
const PARTIAL = 'NoteVault-2026-12-06T06-00-00Z.pid300-th0.nvbak.partial';
const HELD_AT = 1_000_000;
const LET_GO_AT = HELD_AT + 1000;

function shortEvidence(
  result: Partial<RunnerResult> = {},
  over: Partial<CopyInEvidence> = {},
): CopyInEvidence {
  return {
    phase: 'short',
    budgetMs: 3000,
    dataDirWin: DATA,
    runner: { code: 0, timedOut: false },
    holder: { code: 0, timedOut: false },
    result: {
      outcome: 'ok',
      startedAt: HELD_AT - 500,
      finishedAt: LET_GO_AT + 150,
      elapsedMs: 1650,
      retries: { EBUSY: 10 },
      renameTriedAt: HELD_AT + 5,
      ...result,
    },
    released: { releasedAt: LET_GO_AT + 300, why: 'requested' },
    firstHeld: { name: PARTIAL, openedAt: HELD_AT },
    firstLetGo: { name: PARTIAL, releasedAt: LET_GO_AT, why: 'timeout' },
    found: { ...BYSTANDERS, [COPY_IN_NAME]: copyInSource() },
    staging: { [COPY_IN_NAME]: copyInSource() },
    ...over,
  };
}

function longEvidence(
  result: Partial<RunnerResult> = {},
  over: Partial<CopyInEvidence> = {},
): CopyInEvidence {
  const gaveUpAt = HELD_AT + 3010;
  return shortEvidence(
    {
      outcome: 'FILE_LOCKED',
      code: 'FILE_LOCKED',
      message: `NoteVault could not copy "${COPY_IN_NAME}" into "${DATA}": another program is using the file, most often the sync client; NoteVault copies the newest backup there at the next backup.`,
      finishedAt: gaveUpAt,
      elapsedMs: 4500,
      retries: { EBUSY: 24 },
      copyAfterRelease: { outcome: 'ok', elapsedMs: 1200 },
      ...result,
    },
    {
      phase: 'long',
      budgetMs: 1500,
      firstLetGo: { name: PARTIAL, releasedAt: gaveUpAt + 20, why: 'requested' },
      ...over,
    },
  );
}

describe('judgeCopyIn on a short hold', () => {
  it('accepts a copy retried until the client let go of the partial, complete and alone', () => {
    expect(judgeCopyIn(shortEvidence())).toEqual({ expected: 'ok', outcome: 'ok', problems: [] });
  });

  it('rejects a copy that never met the lock', () => {
    expect(judgeCopyIn(shortEvidence({ retries: {} })).problems).toEqual([
      'the copy succeeded without a single retry, so it never met the held partial',
    ]);
    expect(judgeCopyIn(shortEvidence({ finishedAt: LET_GO_AT - 200 })).problems).toEqual([
      'the copy finished while the sync client still held the partial',
    ]);
    const held = { name: COPY_IN_NAME, openedAt: HELD_AT };
    expect(judgeCopyIn(shortEvidence({}, { firstHeld: held })).problems).toEqual([
      `the sync client first opened "${COPY_IN_NAME}", not the partial of ${COPY_IN_NAME}`,
    ]);
  });

  it('rejects a partial left behind, a torn copy, or a changed source', () => {
    const leftover = shortEvidence(
      {},
      { found: { ...BYSTANDERS, [COPY_IN_NAME]: copyInSource(), [PARTIAL]: Buffer.alloc(3) } },
    );
    expect(judgeCopyIn(leftover).problems).toEqual([`synced folder: "${PARTIAL}" is left over (3 bytes)`]);
    const torn = shortEvidence(
      {},
      { found: { ...BYSTANDERS, [COPY_IN_NAME]: copyInSource().subarray(0, 1000) } },
    );
    expect(judgeCopyIn(torn).problems).toEqual([
      `synced folder: "${COPY_IN_NAME}" has the wrong content (1000 bytes, expected ${copyInSource().length} bytes)`,
    ]);
    const staging = shortEvidence({}, { staging: {} });
    expect(judgeCopyIn(staging).problems).toEqual([
      `staging folder: "${COPY_IN_NAME}" is missing (expected ${copyInSource().length} bytes)`,
    ]);
  });
});

describe('judgeCopyIn on a long hold', () => {
  it('accepts FILE_LOCKED naming the backup, while held, within two budgets, then a complete copy', () => {
    expect(judgeCopyIn(longEvidence())).toEqual({
      expected: 'FILE_LOCKED',
      outcome: 'FILE_LOCKED',
      problems: [],
    });
  });

  it('rejects an unclear message, a wrong wait, and a copy that did not recover', () => {
    expect(
      judgeCopyIn(longEvidence({ message: 'Could not copy: another program is using the file.' })).problems,
    ).toEqual([
      `the FILE_LOCKED message does not name "${COPY_IN_NAME}"`,
      `the FILE_LOCKED message does not name "${DATA}"`,
    ]);
    expect(judgeCopyIn(longEvidence({ finishedAt: HELD_AT + 900 })).problems).toEqual([
      'it gave up 895 ms after the first rename, before the 1500 ms budget',
    ]);
    const late = longEvidence(
      {},
      { firstLetGo: { name: PARTIAL, releasedAt: HELD_AT + 2000, why: 'timeout' } },
    );
    expect(judgeCopyIn(late).problems).toEqual([
      'it gave up only after the sync client let go, so the hold did not outlast the budget',
    ]);
    const stuck = longEvidence({
      copyAfterRelease: { outcome: 'FILE_LOCKED', message: 'locked', elapsedMs: 3000 },
    });
    expect(judgeCopyIn(stuck).problems).toEqual([
      'the copy after the sync client let go ended in FILE_LOCKED: locked',
    ]);
    expect(judgeCopyIn(longEvidence({ outcome: 'ok' })).problems[0]).toMatch(
      /^expected FILE_LOCKED, got ok: /,
    );
  });
});

// Without a sync client the copy is free, and must end in exactly the folders the case expects:
// this keeps the Wine case's expectations honest.
describe('the copy-in case on an unwatched folder', () => {
  const temp = tempFolders();
  afterEach(() => temp.cleanup());

  it('ends with the bystanders and one complete backup, the staged source untouched', async () => {
    const caseDir = await temp.make();
    const data = join(caseDir, 'data');
    const staging = join(caseDir, STAGING_FOLDER);
    writeTree(data, BYSTANDERS);
    writeTree(staging, { [COPY_IN_NAME]: copyInSource() });
    await copyBackupInto(join(staging, COPY_IN_NAME), data, COPY_IN_NAME, { expectedSha256: copyInSha256() });
    const evidence = shortEvidence({}, { found: readTree(data), staging: readTree(staging) });
    expect(judgeCopyIn(evidence).problems).toEqual([]);
  });
});
