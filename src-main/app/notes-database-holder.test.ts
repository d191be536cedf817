import { existsSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOtherOwner } from '../../test/main/db/other-owner';
import { assertNotUsedElsewhere, ownerRecordPath } from '../db/database-owner';
import { NotesDatabaseHolder } from './notes-database-holder';

describe('NotesDatabaseHolder', () => {
  let folder: string;
  let holder: NotesDatabaseHolder;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'notevault-holder-'));
    holder = new NotesDatabaseHolder(join(folder, 'notes.db'));
  });
  afterEach(() => {
    holder.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the database on open and serves its repository', () => {
    holder.open();
    holder.repository().create({ title: 'kept', body: '' });
    expect(holder.repository().count()).toBe(1);
  });

  it('refuses requests with BUSY while released, and serves the same data after reopening', () => {
    holder.open();
    holder.repository().create({ title: 'kept', body: '' });
    holder.close();
    expect(() => holder.repository()).toThrow(expect.objectContaining({ code: 'BUSY' }) as Error);
    holder.open();
    expect(
      holder
        .repository()
        .list()
        .items.map((note) => note.title),
    ).toEqual(['kept']);
  });

  it('releases the file on close: it can be renamed and deleted at once', () => {
    holder.open();
    holder.repository().create({ title: 'x', body: 'y' });
    holder.close();
    const moved = join(folder, 'moved.db');
    renameSync(join(folder, 'notes.db'), moved);
    unlinkSync(moved);
    expect(holder.isOpen()).toBe(false);
  });
});

describe('NotesDatabaseHolder and the command-line tool', () => {
  it('refuses to start while the command-line tool restores the database, and claims it once that ended', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'notevault-holder-claim-'));
    const database = join(folder, 'notes.db');
    const cli = await startOtherOwner(database, 'cli');
    try {
      const holder = new NotesDatabaseHolder(database);
      expect(() => holder.claimForApp()).toThrow(
        expect.objectContaining({
          code: 'FILE_LOCKED',
          message: expect.stringMatching(/command-line tool is restoring this database/) as unknown,
        }) as Error,
      );
      await cli.kill();
      holder.claimForApp();
      holder.open();
      expect(() => assertNotUsedElsewhere(database)).not.toThrow();
      holder.dispose();
      expect(existsSync(ownerRecordPath(database))).toBe(false);
    } finally {
      await cli.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
