import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGone, listDestinationFolder } from './folder-presence';

const NAME = 'NoteVault-2026-12-01T08-00-00Z-scheduled.nvbak';
let root: string;
let folder: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-presence-'));
  folder = join(root, 'backups');
  mkdirSync(folder);
  writeFileSync(join(folder, NAME), 'x');
  writeFileSync(join(folder, 'notes.txt'), 'not a backup');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('folder presence', () => {
  it('lists the backups in a folder, and none for a folder it cannot reach', async () => {
    expect([...((await listDestinationFolder(folder))?.names ?? [])]).toEqual([NAME]);
    expect(await listDestinationFolder(join(root, 'unplugged'))).toBeNull();
    expect(await listDestinationFolder(join(folder, NAME))).toBeNull();
  });

  it('calls a backup gone only when its file is missing from the folder it was listed in', async () => {
    const listed = (await listDestinationFolder(folder))!;
    expect(await isGone(folder, NAME, listed)).toBe(false);
    rmSync(join(folder, NAME));
    expect(await isGone(folder, NAME, listed)).toBe(true);
    // A folder now on another device (a drive pulled from a mount point left behind) says nothing.
    expect(await isGone(folder, NAME, { ...listed, device: listed.device + 1 })).toBe(false);
    rmSync(folder, { recursive: true });
    expect(await isGone(folder, NAME, listed)).toBe(false);
  });
});
