import { lstat, open, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../backup/backup-names';
import type { BackupKind } from '../backup/format/metadata';
import { tempFolders } from '../../test/main/fsx/test-faults';
import type { BackupDestination } from '../../src-shared/settings';
import { applyRetention } from './apply-retention';
import type { RetentionVerification } from './apply-retention';
import { HOUR_MS } from './next-run';
import { previewRetention } from './retention-preview';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const NOW = new Date('2026-06-17T12:00:00Z');
const MIB = 1024 * 1024;
const SEED = process.env.FC_SEED === undefined ? 20261206 : Number(process.env.FC_SEED);

/** A file of `bytes` bytes; sparse, so a test can hold gigabytes of "backups" in a few kilobytes. */
async function fileOfSize(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
}

/** Bytes of every entry in the folder, measured here and not by the code under test. */
async function bytesOnDisk(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await lstat(join(folder, name))).size;
  return total;
}

interface Spec {
  hoursAgo: number;
  kind: BackupKind;
  bytes: number;
}

async function makeBackups(folder: string, specs: readonly Spec[]): Promise<string[]> {
  const names: string[] = [];
  for (const spec of specs) {
    const createdAt = new Date(NOW.getTime() - spec.hoursAgo * HOUR_MS);
    // Backups within the same second get "-2", "-3" as the engine names them.
    let sequence = 1;
    while (names.includes(backupFileName(createdAt, spec.kind, sequence))) sequence += 1;
    const name = backupFileName(createdAt, spec.kind, sequence);
    await fileOfSize(join(folder, name), spec.bytes);
    names.push(name);
  }
  return names;
}

function destination(folder: string, capMegabytes: number | null, keepLast = 10): BackupDestination {
  return { id: 'primary', folder, retention: { keepLast, thinDailyWeekly: true, capMegabytes } };
}

describe('previewRetention', () => {
  it('lists what the clean-up deletes, and its figures are the bytes the clean-up then frees on disk', async () => {
    const folder = await folders.make();
    const names = await makeBackups(folder, [
      { hoursAgo: 1, kind: 'scheduled', bytes: 30 * MIB },
      { hoursAgo: 2, kind: 'manual', bytes: 25 * MIB },
      { hoursAgo: 26, kind: 'scheduled', bytes: 30 * MIB },
      { hoursAgo: 50, kind: 'before-restore', bytes: 20 * MIB },
      { hoursAgo: 24 * 40, kind: 'before-restore', bytes: 5 * MIB },
      { hoursAgo: 24 * 9, kind: 'scheduled', bytes: 30 * MIB },
      { hoursAgo: 24 * 20, kind: 'scheduled', bytes: 30 * MIB },
    ]);
    // A person's own file beside them: never counted, never deleted.
    await writeFile(join(folder, 'notes-export.zip'), Buffer.alloc(MIB));
    const verification: RetentionVerification = {
      verified: new Set(names),
      failedDrill: new Set([names[0]!]),
    };
    const target = destination(folder, 100);

    const preview = await previewRetention(target, { now: NOW, verification });
    const before = await bytesOnDisk(folder);
    const outcome = await applyRetention(folder, target.retention, { now: NOW, verification });
    const after = await bytesOnDisk(folder);

    expect(preview.destinationId).toBe('primary');
    expect(preview.delete.map((entry) => entry.name)).toEqual(outcome.deleted.map((file) => basename(file)));
    expect(preview.delete.length).toBeGreaterThan(0);
    expect(before - after).toBe(preview.freedBytes);
    expect(outcome.freedBytes).toBe(preview.freedBytes);
    expect(after - MIB).toBe(preview.keptBytes);
    expect(preview.keptCount).toBe(outcome.kept.length);
    expect(preview).toMatchObject({ capBytes: 100 * MIB, overCap: false });
    expect(preview.keptBytes).toBeLessThanOrEqual(100 * MIB);
    const oldSafety = preview.delete.find((entry) => entry.kind === 'before-restore');
    expect(oldSafety).toMatchObject({ size: 5 * MIB, createdAt: NOW.getTime() - 24 * 40 * HOUR_MS });
  });

  it('matches what the clean-up frees for random folders and caps', async () => {
    const spec = fc.record({
      hoursAgo: fc.integer({ min: 0, max: 24 * 60 }),
      kind: fc.constantFrom<BackupKind>('manual', 'scheduled', 'scheduled', 'before-restore'),
      bytes: fc.integer({ min: 0, max: 60 * MIB }),
    });
    const scenario = fc.record({
      specs: fc.array(spec, { maxLength: 12 }),
      cap: fc.option(fc.integer({ min: 10, max: 300 }), { nil: null }),
      keepLast: fc.integer({ min: 1, max: 6 }),
      verifiedMask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      failedMask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ specs, cap, keepLast, verifiedMask, failedMask }) => {
        const folder = await folders.make();
        const names = await makeBackups(folder, specs);
        const verification = {
          verified: new Set(names.filter((_, i) => verifiedMask[i])),
          failedDrill: new Set(names.filter((_, i) => failedMask[i])),
        };
        const target = destination(folder, cap, keepLast);
        const preview = await previewRetention(target, { now: NOW, verification });
        const before = await bytesOnDisk(folder);
        const outcome = await applyRetention(folder, target.retention, { now: NOW, verification });
        const after = await bytesOnDisk(folder);
        expect(before - after).toBe(preview.freedBytes);
        expect(after).toBe(preview.keptBytes);
        expect(outcome.deleted.map((file) => basename(file))).toEqual(preview.delete.map((e) => e.name));
        expect(preview.overCap).toBe(cap !== null && after > cap * MIB);
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});
