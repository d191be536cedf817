import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ownerRecordPath } from '../db/database-owner';
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
    const cli = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(
        ownerRecordPath(database),
        JSON.stringify({ program: 'cli', process: { pid: cli.pid, threadId: 0 } }),
      );
      const holder = new NotesDatabaseHolder(database);
      await expect(holder.claimForApp()).rejects.toMatchObject({
        code: 'FILE_LOCKED',
        message: expect.stringMatching(/command-line tool is restoring this database/) as unknown,
      });
      await new Promise((resolve) => {
        cli.once('exit', resolve);
        cli.kill('SIGKILL');
      });
      await holder.claimForApp();
      holder.open();
      expect(JSON.parse(readFileSync(ownerRecordPath(database), 'utf8'))).toMatchObject({ program: 'app' });
      holder.dispose();
      expect(existsSync(ownerRecordPath(database))).toBe(false);
    } finally {
      cli.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
