import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../main/fsx/test-faults';
import { diffTrees, readTree, writeTree } from './case-files';
import { runOperation } from './operations';
import { BYSTANDERS, OPERATIONS } from './scenarios';

const temp = tempFolders();
afterEach(() => temp.cleanup());

// Without a holder every operation is free, so on this machine each must end exactly in the folder
// its scenario predicts for success: this keeps the expected folders of the Wine tier honest.
describe('the tier operations on an unheld folder', () => {
  for (const op of OPERATIONS) {
    it(`${op.id} ends in the folder its scenario expects`, async () => {
      const dir = join(await temp.make(), 'data');
      const before = op.before();
      writeTree(dir, { ...BYSTANDERS, ...before });

      const sweep = await runOperation(dir, op, { retry: { budgetMs: 0 } });

      expect(diffTrees({ ...BYSTANDERS, ...op.after(before, 'ok', false) }, readTree(dir))).toEqual([]);
      if (op.sweepCounts) {
        expect(sweep).toMatchObject({ ...op.sweepCounts, failures: [] });
      } else {
        expect(sweep).toBeUndefined();
      }
    });
  }
});
