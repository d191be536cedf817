import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentHashesIn } from '../../src-shared/attachment-ref';
import { NoteVaultError } from '../../src-shared/errors';
import { NoteVersionsRepository } from '../db/note-versions-repository';
import { NotesRepository } from '../db/notes-repository';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { TagsRepository } from '../db/tags-repository';
import { runImport } from '../import/run-import';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';
import { pngOfSize } from '../../test/main/import/import-test-support';
import type { NoteFingerprint } from '../../test/main/export/vault-fingerprint';
import { vaultFingerprint } from '../../test/main/export/vault-fingerprint';
import { runExport } from './run-export';

const temp = useTempDir();
let source: Database.Database;
let target: Database.Database;

beforeEach(() => {
  source = openNotesDatabase(temp.file('source.db'));
  target = openNotesDatabase(temp.file('target.db'));
});

afterEach(() => {
  closeNotesDatabase(source);
  closeNotesDatabase(target);
});

/**
 * A vault with what a round trip can lose: tags (nested), pinned, exact dates, one image shown
 * by two notes (stored once), a file, duplicate and unsafe titles, kept versions (one naming an
 * attachment the current text no longer shows) and a note in the trash.
 */
function fillVault(db: Database.Database): void {
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 8, 0, 0, 123));
  const notes = new NotesRepository(db, clock.now);
  const tags = new TagsRepository(db);
  const versions = new NoteVersionsRepository(db, notes, { clock: clock.now });
  const image = notes.attachments.add({
    data: pngOfSize(3000),
    fileName: 'diagram.png',
    mediaType: 'image/png',
  });
  const pdf = notes.attachments.add({
    data: Buffer.from('%PDF-1.4 a small report'),
    fileName: 'report (final).pdf',
    mediaType: 'application/pdf',
  });
  const old = notes.attachments.add({ data: pngOfSize(2000), fileName: 'old.png', mediaType: 'image/png' });

  const trip = notes.create({
    title: 'Trip',
    body: `Plan:\n\n${image.markdown}\n\nSee ${pdf.markdown}.\n`,
    pinned: true,
    createdAt: Date.UTC(2025, 0, 1, 9, 30, 0, 1),
    updatedAt: Date.UTC(2025, 0, 2, 10, 0, 0, 999),
  });
  tags.add(trip.id, ['travel', 'work/projects']);
  const again = notes.create({ title: 'Same image', body: `Again: ${image.markdown}` });
  tags.add(again.id, ['Travel']);
  notes.create({ title: 'Duplicate', body: 'first' });
  notes.create({ title: 'Duplicate', body: 'second' });
  notes.create({ title: 'a:b?/CON', body: '' });

  const draft = notes.create({ title: 'Draft', body: `v1 ${old.markdown}` });
  clock.advance(10 * 60_000);
  versions.update(draft.id, { body: 'v2' });
  clock.advance(10 * 60_000);
  versions.update(draft.id, { body: 'v3, the current text' });

  const binned = notes.create({ title: 'Binned', body: 'in the trash' });
  tags.add(binned.id, ['old']);
  clock.advance(60_000);
  notes.trash(binned.id);
}

const live = (notes: NoteFingerprint[]) => notes.filter((note) => note.trashedAt === null);

describe('runExport then runImport', () => {
  it('JSON with history gives back every note, the trash, tags, pinned, dates, attachments and versions', async () => {
    fillVault(source);
    const file = temp.file('out/notes.json');
    const progress: number[] = [];
    const report = await runExport(source, file, {
      format: 'json',
      history: true,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(report).toMatchObject({ notes: 7, trashed: 1, attachments: 3, versions: 2, skipped: [] });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const imported = await runImport(file, target);
    expect(imported).toMatchObject({ format: 'notevault', imported: 7, skipped: [], attachments: 3 });
    const original = vaultFingerprint(source);
    expect(original.flatMap((note) => note.versions)).toHaveLength(2);
    expect(vaultFingerprint(target)).toEqual(original);
  });

  it('JSON without --history leaves the versions out and keeps the rest', async () => {
    fillVault(source);
    const file = temp.file('notes.json');
    expect((await runExport(source, file, { format: 'json' })).versions).toBe(0);
    await runImport(file, target);
    const withoutVersions = vaultFingerprint(source).map((note) => ({
      ...note,
      versions: [],
      attachments: note.attachments.filter((a) => attachmentHashesIn(note.body).includes(a.slice(0, 64))),
    }));
    expect(vaultFingerprint(target)).toEqual(withoutVersions);
  });

  it('Markdown gives back the live notes with tags, pinned, dates and attachment bytes', async () => {
    fillVault(source);
    const folder = temp.file('export');
    const report = await runExport(source, folder, { format: 'markdown' });
    expect(report).toMatchObject({ notes: 6, trashed: 0, attachments: 2, skipped: [] });
    expect(fs.readdirSync(path.join(folder, 'attachments')).sort()).toEqual([
      'diagram.png',
      'report (final).pdf',
    ]);
    const trip = fs.readFileSync(path.join(folder, 'Trip.md'), 'utf8');
    expect(trip).toContain('![diagram.png](attachments/diagram.png)');
    expect(trip).toContain('See [report (final).pdf](attachments/report%20%28final%29.pdf).');
    expect(fs.readdirSync(folder).sort()).toEqual([
      'Draft.md',
      'Duplicate (2).md',
      'Duplicate.md',
      'Same image.md',
      'Trip.md',
      'a_b__CON.md',
      'attachments',
    ]);

    const imported = await runImport(folder, target);
    expect(imported).toMatchObject({ format: 'markdown', imported: 6, skipped: [], warnings: [] });
    const expected = live(vaultFingerprint(source)).map((note) => ({
      ...note,
      versions: [],
      attachments: note.attachments.filter((a) => attachmentHashesIn(note.body).includes(a.slice(0, 64))),
    }));
    expect(vaultFingerprint(target)).toEqual(expected);
  });

  it.skipIf(process.platform === 'win32')('writes private files and folders', async () => {
    fillVault(source);
    const folder = temp.file('export');
    await runExport(source, folder, { format: 'markdown' });
    const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
    expect([
      mode(folder),
      mode(path.join(folder, 'attachments')),
      mode(path.join(folder, 'Trip.md')),
    ]).toEqual(['700', '700', '600']);
    const file = temp.file('notes.json');
    await runExport(source, file, { format: 'json' });
    expect(mode(file)).toBe('600');
  });

  it('a cancelled export leaves nothing at the destination and no temporary files', async () => {
    fillVault(source);
    for (const format of ['markdown', 'json'] as const) {
      const controller = new AbortController();
      const destination = temp.file(format === 'json' ? 'notes.json' : 'export');
      const run = runExport(source, destination, {
        format,
        signal: controller.signal,
        onProgress: ({ done }) => {
          if (done === 3) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
      await expect(run).rejects.toBeInstanceOf(NoteVaultError);
      expect(fs.readdirSync(temp.path).sort()).toEqual([
        'source.db',
        'source.db-shm',
        'source.db-wal',
        'target.db',
        'target.db-shm',
        'target.db-wal',
      ]);
    }
  });

  it('never writes through a symbolic link at the destination', async () => {
    fillVault(source);
    const elsewhere = temp.file('elsewhere.json');
    fs.writeFileSync(elsewhere, 'keep');
    const link = temp.file('notes.json');
    fs.symlinkSync(elsewhere, link);
    await expect(runExport(source, link, { format: 'json', overwrite: true })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('keep');
  });

  it('Markdown: an attachment named like a note stays an attachment, and a link whose bytes are gone is reported', async () => {
    const notes = new NotesRepository(source);
    const readme = notes.attachments.add({
      data: Buffer.from('# not a note\n'),
      fileName: 'README.md',
      mediaType: 'text/markdown',
    });
    const gone = 'f'.repeat(64);
    notes.create({ title: 'Files', body: `${readme.markdown}\n\n![lost](attachment:${gone})\n` });
    const folder = temp.file('export');
    const report = await runExport(source, folder, { format: 'markdown' });
    expect(fs.readdirSync(path.join(folder, 'attachments'))).toEqual(['README.md.txt']);
    expect(report.skipped).toEqual([
      {
        item: 'Files.md: attachment ffffffffffff…',
        reason: expect.stringMatching(/no longer stored/) as unknown,
      },
    ]);
    const imported = await runImport(folder, target);
    expect(imported.imported).toBe(1);
    expect(vaultFingerprint(target)[0]?.attachments).toEqual([`${readme.sha256}=${readme.sha256}`]);
  });
});
