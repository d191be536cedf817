import { describe, expect, it } from 'vitest';
import type { CaseEvidence } from './checks';
import { judgeCase } from './checks';
import type { RunnerResult } from './protocol';
import type { Tree } from './scenarios';
import { BYSTANDERS, DIR, operationById, plaintextFor } from './scenarios';

const DATA = 'Z:\\tmp\\run\\case\\data';
const HELD_AT = 1_000_000;
const sweepClean = { wipedTempDirs: 0, wipedFiles: 0, removedPartials: 0, failures: [] };

function lockedResult(over: Partial<RunnerResult> = {}): RunnerResult {
  return {
    outcome: 'FILE_LOCKED',
    code: 'FILE_LOCKED',
    message: `Could not rename "${DATA}\\new.bin" to "${DATA}\\target.bin": another program is using the file (EPERM).`,
    startedAt: HELD_AT,
    finishedAt: HELD_AT + 1510,
    elapsedMs: 1510,
    retries: { EPERM: 12 },
    sweepAfterRelease: sweepClean,
    ...over,
  };
}

/** rename-replace under a long hold that ended in FILE_LOCKED with the folder untouched. */
function lockedEvidence(over: Partial<CaseEvidence> = {}): CaseEvidence {
  const op = operationById('rename-replace');
  const before = op.before();
  return {
    op,
    mode: 'sqlite',
    phase: 'long',
    budgetMs: 1500,
    dataDirWin: DATA,
    runner: { code: 0, timedOut: false },
    holder: { code: 0, timedOut: false },
    result: lockedResult(),
    released: { releasedAt: HELD_AT + 1600, why: 'requested' },
    before,
    found: { ...BYSTANDERS, ...before },
    ...over,
  };
}

describe('judgeCase on a long hold', () => {
  it('accepts FILE_LOCKED that names the file, after the budget, while held, with nothing lost', () => {
    expect(judgeCase(lockedEvidence())).toEqual({
      expected: 'FILE_LOCKED',
      outcome: 'FILE_LOCKED',
      problems: [],
    });
  });

  it('rejects a message that does not name the held file', () => {
    const result = lockedResult({ message: 'Could not rename: another program is using the file.' });

    expect(judgeCase(lockedEvidence({ result })).problems).toEqual([
      `the FILE_LOCKED message does not name "${DATA}\\target.bin"`,
    ]);
  });

  it('rejects giving up before the budget, and giving up only after the holder let go', () => {
    const early = lockedResult({ elapsedMs: 400, finishedAt: HELD_AT + 400 });
    const late = lockedResult({ finishedAt: HELD_AT + 1700 });

    expect(judgeCase(lockedEvidence({ result: early })).problems).toEqual([
      'it gave up after 400 ms, before the 1500 ms budget',
    ]);
    expect(judgeCase(lockedEvidence({ result: late })).problems).toEqual([
      'it gave up only after the holder had let go, so the hold did not outlast the budget',
    ]);
  });

  it('rejects success where the table says the holder blocks the operation', () => {
    const op = operationById('rename-replace');
    const result = lockedResult({ outcome: 'ok', message: undefined, code: undefined, retries: {} });
    const found: Tree = { ...BYSTANDERS, ...op.after(op.before(), 'ok', true) };

    expect(judgeCase(lockedEvidence({ result, found })).problems).toEqual(['expected FILE_LOCKED, got ok']);
  });

  it('rejects a lost original, a half-written final file, and plaintext that survived', () => {
    const found: Tree = {
      ...BYSTANDERS,
      'new.bin': Buffer.from('new'),
      'target.bin': Buffer.from('half'),
      'target.bin.partial': plaintextFor('leak', 1),
    };

    expect(judgeCase(lockedEvidence({ found })).problems).toEqual([
      'folder afterwards: "new.bin" has the wrong content (3 bytes, expected 70000 bytes)',
      'folder afterwards: "target.bin" has the wrong content (4 bytes, expected 50000 bytes)',
      'folder afterwards: "target.bin.partial" is left over (37 bytes)',
      'plaintext survived in "target.bin.partial"',
    ]);
  });

  it('rejects a sweep that still fails after the holder let go', () => {
    const failure = { path: `${DATA}\\x`, code: 'FILE_LOCKED', message: 'still locked' };
    const result = lockedResult({ sweepAfterRelease: { ...sweepClean, failures: [failure] } });

    expect(judgeCase(lockedEvidence({ result })).problems).toEqual([
      'the sweep after release still failed: still locked',
    ]);
  });

  it('reports a runner that died without a result, and a holder that never let go', () => {
    const verdict = judgeCase(
      lockedEvidence({ result: undefined, runner: { code: 1, timedOut: false }, released: undefined }),
    );

    expect(verdict.outcome).toBe('no result');
    expect(verdict.problems).toEqual([
      'the runner (node.exe) exited with code 1',
      'the holder never signalled that it let go of the file',
      'the runner wrote no result',
    ]);
  });
});

describe('judgeCase on a short hold', () => {
  const wipe = operationById('secure-wipe');
  const shortEvidence = (mode: CaseEvidence['mode'], result: RunnerResult): CaseEvidence => ({
    ...lockedEvidence(),
    op: wipe,
    mode,
    phase: 'short',
    budgetMs: 3000,
    result,
    released: { releasedAt: HELD_AT + 800, why: 'timeout' },
    before: wipe.before(),
    found: { ...BYSTANDERS, 'notevault-tmp-backup-Ab12Cd': DIR },
  });
  const okResult = (finishedAt: number, retries: Record<string, number>): RunnerResult => ({
    outcome: 'ok',
    startedAt: HELD_AT,
    finishedAt,
    elapsedMs: finishedAt - HELD_AT,
    retries,
  });

  it('accepts a blocked operation that was retried and succeeded once the holder let go', () => {
    expect(judgeCase(shortEvidence('exclusive', okResult(HELD_AT + 820, { EBUSY: 8 }))).problems).toEqual([]);
  });

  it('rejects a blocked operation that succeeded at once, as if nothing held the file', () => {
    expect(judgeCase(shortEvidence('exclusive', okResult(HELD_AT + 5, {}))).problems).toEqual([
      'a blocked operation succeeded without a single retry',
      'a blocked operation succeeded while the holder still held the file',
    ]);
  });

  it('accepts a free operation done while held, and rejects one that had to retry', () => {
    expect(judgeCase(shortEvidence('share-delete', okResult(HELD_AT + 20, {}))).problems).toEqual([]);
    expect(judgeCase(shortEvidence('share-delete', okResult(HELD_AT + 900, { EBUSY: 3 }))).problems).toEqual([
      'a free operation was retried 3 time(s)',
      'a free operation finished only after the holder let go, so it was not tested against a held file',
    ]);
  });
});
