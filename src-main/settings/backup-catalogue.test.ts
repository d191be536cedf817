import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ERROR_DETAILS_CHARS } from '../../src-shared/errors';
import { nodeFileSystem } from '../fsx/fs-seam';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';
import type { CatalogueEntry } from './backup-catalogue';
import {
  BACKUP_CATALOGUE_FILE,
  BackupCatalogue,
  MAX_CATALOGUE_BYTES,
  MAX_CATALOGUE_ENTRIES,
  copyExpectation,
  newestDrill,
} from './backup-catalogue';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function written(second: number, overrides: Partial<Omit<CatalogueEntry, 'copies'>> = {}) {
  const createdAt = new Date(Date.UTC(2026, 11, 1, 0, 0, second)).toISOString();
  return {
    name: `NoteVault-${createdAt.slice(0, 19).replace(/:/g, '-')}Z-scheduled.nvbak`,
    kind: 'scheduled' as const,
    createdAt,
    size: 4096 + second,
    fileSha256: second.toString(16).padStart(64, '0'),
    noteCount: 40,
    openWithDevice: true,
    ...overrides,
  };
}

async function catalogueFile(content?: string) {
  const file = join(await folders.make(), BACKUP_CATALOGUE_FILE);
  if (content !== undefined) await writeFile(file, content);
  return file;
}

describe('BackupCatalogue', () => {
  it('records a written backup as verified there, its copies and drills, and survives a restart', async () => {
    const file = await catalogueFile();
    const catalogue = await BackupCatalogue.open(file, { now: () => 1000 });
    expect(catalogue.entries()).toEqual([]);
    const backup = written(1);
    await catalogue.recordWritten(backup, 'primary');
    await catalogue.recordCopy(backup.name, 'd0123abcd', {
      state: 'missing',
      at: 2000,
      message: 'Unplugged.',
    });
    await catalogue.recordDrill(backup.name, 'primary', {
      at: 3000,
      ok: true,
      noteCount: 40,
      attachmentCount: 2,
      message: null,
    });
    const expected: CatalogueEntry = {
      ...backup,
      copies: {
        primary: {
          state: 'verified',
          at: 1000,
          lastDrill: { at: 3000, ok: true, noteCount: 40, attachmentCount: 2, message: null },
        },
        d0123abcd: { state: 'missing', at: 2000, message: 'Unplugged.' },
      },
    };
    expect(catalogue.get(backup.name)).toEqual(expected);
    const reopened = await BackupCatalogue.open(file);
    expect(reopened.entries()).toEqual([expected]);
    expect(newestDrill(reopened.entries())).toEqual({
      name: backup.name,
      destinationId: 'primary',
      drill: expected.copies.primary?.lastDrill,
    });
    expect(newestDrill(reopened.entries(), 'd0123abcd')).toBeNull();
  });

  it('keeps the last drill through a new copy record, and forgets copies one destination at a time', async () => {
    const catalogue = await BackupCatalogue.open(await catalogueFile(), { now: () => 1000 });
    const backup = written(2);
    await catalogue.recordWritten(backup, 'primary');
    const drill = { at: 1500, ok: false, noteCount: null, message: 'The backup "x" has changed.' };
    await catalogue.recordDrill(backup.name, 'primary', drill);
    await catalogue.recordCopy(backup.name, 'primary', { state: 'verified', at: 1600, settledCheckAt: 1600 });
    expect(catalogue.get(backup.name)?.copies.primary).toEqual({
      state: 'verified',
      at: 1600,
      settledCheckAt: 1600,
      lastDrill: drill,
    });
    await catalogue.recordCopy(backup.name, 'd00000001', { state: 'verified', at: 1700 });
    await catalogue.forget(backup.name, 'primary');
    expect(Object.keys(catalogue.get(backup.name)?.copies ?? {})).toEqual(['d00000001']);
    await catalogue.forget(backup.name, 'd00000001');
    expect(catalogue.get(backup.name)).toBeUndefined();
  });

  it("keeps a copy's own size and hash after a drill found its header rewritten, for that copy only", async () => {
    const file = await catalogueFile();
    const catalogue = await BackupCatalogue.open(file, { now: () => 10 });
    const backup = written(6);
    await catalogue.recordWritten(backup, 'primary');
    await catalogue.recordCopy(backup.name, 'd00000004', { state: 'verified', at: 11 });
    const rewritten = { size: backup.size + 16, fileSha256: 'a'.repeat(64) };
    await catalogue.recordDrill(
      backup.name,
      'primary',
      { at: 12, ok: true, noteCount: 40, message: null },
      rewritten,
    );
    const entry = () => catalogue.get(backup.name)!;
    expect(copyExpectation(entry(), 'primary')).toEqual(rewritten);
    expect(copyExpectation(entry(), 'd00000004')).toEqual({
      size: backup.size,
      fileSha256: backup.fileSha256,
    });
    // A later drill that reads the same bytes keeps them; a restart too.
    await catalogue.recordDrill(backup.name, 'primary', { at: 13, ok: true, noteCount: 40, message: null });
    expect(copyExpectation((await BackupCatalogue.open(file)).get(backup.name)!, 'primary')).toEqual(
      rewritten,
    );
    // The written bytes back (the copy replaced by the original): nothing of its own any more.
    await catalogue.recordDrill(
      backup.name,
      'primary',
      { at: 14, ok: true, noteCount: 40, message: null },
      { size: backup.size, fileSha256: backup.fileSha256 },
    );
    expect(entry().copies.primary).not.toHaveProperty('fileSha256');
  });

  it('ignores copies and drills of a backup it does not know, and a drill of a copy it does not know', async () => {
    const catalogue = await BackupCatalogue.open(await catalogueFile());
    await catalogue.recordCopy('NoteVault-unknown.nvbak', 'primary', { state: 'verified', at: 1 });
    expect(catalogue.entries()).toEqual([]);
    const backup = written(3);
    await catalogue.recordWritten(backup, 'primary');
    await catalogue.recordDrill(backup.name, 'd00000002', { at: 5, ok: true, noteCount: 1, message: null });
    expect(Object.keys(catalogue.get(backup.name)?.copies ?? {})).toEqual(['primary']);
  });

  it('a new file under an old name starts without the old copies and drills', async () => {
    const catalogue = await BackupCatalogue.open(await catalogueFile(), { now: () => 10 });
    const backup = written(4);
    await catalogue.recordWritten(backup, 'primary');
    await catalogue.recordCopy(backup.name, 'd00000003', { state: 'verified', at: 11 });
    await catalogue.recordWritten(backup, 'd00000003');
    expect(Object.keys(catalogue.get(backup.name)?.copies ?? {}).sort()).toEqual(['d00000003', 'primary']);
    await catalogue.recordWritten({ ...backup, fileSha256: 'f'.repeat(64) }, 'd00000003');
    expect(Object.keys(catalogue.get(backup.name)?.copies ?? {})).toEqual(['d00000003']);
  });

  it('refuses a name with a folder, a bad hash or an unknown destination id', async () => {
    const catalogue = await BackupCatalogue.open(await catalogueFile());
    await expect(
      catalogue.recordWritten({ ...written(5), name: '../NoteVault-x.nvbak' }, 'primary'),
    ).rejects.toThrow();
    await expect(catalogue.recordWritten({ ...written(5), name: 'notes.txt' }, 'primary')).rejects.toThrow();
    await expect(catalogue.recordWritten({ ...written(5), fileSha256: 'ABC' }, 'primary')).rejects.toThrow();
    await expect(catalogue.recordWritten(written(5), 'elsewhere')).rejects.toThrow();
    expect(catalogue.entries()).toEqual([]);
  });

  it(`keeps the newest ${MAX_CATALOGUE_ENTRIES} entries, newest first, and cuts long text`, async () => {
    const file = await catalogueFile();
    const catalogue = await BackupCatalogue.open(file);
    await Promise.all(
      Array.from({ length: MAX_CATALOGUE_ENTRIES + 3 }, (_, i) =>
        catalogue.recordWritten(written(i), 'primary'),
      ),
    );
    const entries = catalogue.entries();
    expect(entries).toHaveLength(MAX_CATALOGUE_ENTRIES);
    expect(entries[0]?.name).toBe(written(MAX_CATALOGUE_ENTRIES + 2).name);
    expect(entries.at(-1)?.name).toBe(written(3).name);
    const newest = entries[0]?.name ?? '';
    await catalogue.recordDrill(newest, 'primary', {
      at: 1,
      ok: false,
      noteCount: null,
      message: 'm'.repeat(5000),
      details: 'd'.repeat(MAX_ERROR_DETAILS_CHARS * 2),
    });
    const drill = catalogue.get(newest)?.copies.primary?.lastDrill;
    expect(drill?.message?.length).toBe(1000);
    expect(drill?.details?.length).toBe(MAX_ERROR_DETAILS_CHARS);
    expect((await BackupCatalogue.open(file)).entries()).toHaveLength(MAX_CATALOGUE_ENTRIES);
  });

  it('starts afresh (and logs) from a damaged file, an oversized one, or one with a hostile name', async () => {
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    const damaged = await catalogueFile('{"version":1,"entries":"all"}');
    expect((await BackupCatalogue.open(damaged, { log })).entries()).toEqual([]);
    expect(logs).toEqual([
      `Ignored the damaged backup catalogue "${damaged}"; the next backups and drills start it afresh.`,
    ]);

    const hostile = await catalogueFile(
      JSON.stringify({ version: 1, entries: [{ ...written(1), name: '../../escape.nvbak', copies: {} }] }),
    );
    expect((await BackupCatalogue.open(hostile, { log })).entries()).toEqual([]);
    expect(logs).toHaveLength(2);

    const huge = await catalogueFile('{}');
    await truncate(huge, MAX_CATALOGUE_BYTES + 1);
    expect((await BackupCatalogue.open(huge, { log })).entries()).toEqual([]);
    expect(logs[2]).toMatch(/more than NoteVault writes/);
  });

  it('knows a change in memory even when the file cannot be written, and writes it next time', async () => {
    const logs: string[] = [];
    const clock = fakeClock();
    const file = await catalogueFile();
    const catalogue = await BackupCatalogue.open(file, {
      fs: { ...nodeFileSystem, rename: scripted(nodeFileSystem.rename, ['ENOSPC'], 'rename') },
      retry: { sleep: clock.sleep, now: clock.now },
      log: (m) => logs.push(m),
    });
    const changes: number[] = [];
    catalogue.onDidChange((entries) => changes.push(entries.length));
    await catalogue.recordWritten(written(1), 'primary');
    expect(catalogue.entries()).toHaveLength(1);
    expect(logs[0]).toMatch(/^Could not save the backup catalogue to .*the drive is full/);
    await catalogue.recordWritten(written(2), 'primary');
    await catalogue.flush();
    expect(changes).toEqual([1, 2]);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { version: number; entries: CatalogueEntry[] };
    expect(saved.version).toBe(1);
    expect(saved.entries.map((entry) => entry.name)).toEqual([written(2).name, written(1).name]);
  });
});
