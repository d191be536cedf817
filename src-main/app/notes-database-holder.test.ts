import { mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
