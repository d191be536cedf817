import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  atomicPartialPath,
  isAtomicPartialName,
  ownedPartialPath,
  readAtomicPartialName,
  readOwnedPartialName,
} from './partial-names';
import { currentOwner } from './private-temp-owner';

const OWNER = { pid: 4242, startTicks: '1063111', threadId: 3 };

describe("publishFile's partial (backups)", () => {
  it('names its owner before the extension, and reads back the final name and the owner', () => {
    const final = join('/backups', 'NoteVault-2026-11-25T22-48-03Z.nvbak');
    const partial = ownedPartialPath(final, OWNER);
    expect(partial).toBe(
      join('/backups', 'NoteVault-2026-11-25T22-48-03Z.pid4242-st1063111-th3.nvbak.partial'),
    );
    expect(readOwnedPartialName(basename(partial))).toEqual({
      finalName: 'NoteVault-2026-11-25T22-48-03Z.nvbak',
      owner: OWNER,
    });
    expect(readOwnedPartialName(basename(ownedPartialPath(final)))).toEqual({
      finalName: basename(final),
      owner: currentOwner(),
    });
  });

  it('round-trips names a person chose, including ones without an extension', () => {
    for (const name of ['before-upgrade.nvbak', 'Holiday.NVBAK', 'trip.pidgin.nvbak', 'notes', 'a.b.c']) {
      expect(readOwnedPartialName(basename(ownedPartialPath(join('/x', name), OWNER)))).toEqual({
        finalName: name,
        owner: OWNER,
      });
    }
  });

  it('still ends in "<name>.nvbak.partial", which versions without owners recognise', () => {
    const partial = basename(ownedPartialPath('/b/NoteVault-2026-11-25T22-48-03Z-scheduled-2.nvbak', OWNER));
    expect(partial.endsWith('.nvbak.partial')).toBe(true);
  });

  it('reads the names of versions that recorded no owner, and of other programs, as ownerless', () => {
    for (const [name, finalName] of [
      ['NoteVault-2026-11-25T22-48-03Z.nvbak.partial', 'NoteVault-2026-11-25T22-48-03Z.nvbak'],
      ['trip.pidgin.nvbak.partial', 'trip.pidgin.nvbak'],
      ['x.pid0-th0.nvbak.partial', 'x.pid0-th0.nvbak'], // PID 0 is no owner
      ['movie.mkv.partial', 'movie.mkv'],
      ['report.partial', 'report'],
    ]) {
      expect(readOwnedPartialName(name as string), name).toEqual({ finalName, owner: undefined });
    }
    expect(readOwnedPartialName('notes.nvbak')).toBeUndefined();
    expect(readOwnedPartialName('.partial')).toBeUndefined();
  });
});

describe("writeFileAtomic's partial", () => {
  it('names its owner before ".notevault-", and still matches the pattern of versions without owners', () => {
    const partial = basename(atomicPartialPath('/data/settings.json', OWNER));
    expect(partial).toMatch(/^settings\.json\.pid4242-st1063111-th3\.notevault-[0-9a-f]{8}\.partial$/);
    // The pattern those versions sweep.
    expect(partial).toMatch(/^.+\.notevault-[0-9a-f]{8}\.partial$/);
    expect(isAtomicPartialName(partial)).toBe(true);
    expect(readAtomicPartialName(partial)).toEqual({ finalName: 'settings.json', owner: OWNER });
    expect(readAtomicPartialName(basename(atomicPartialPath('/data/settings.json')))).toEqual({
      finalName: 'settings.json',
      owner: currentOwner(),
    });
    expect(atomicPartialPath('/d/s.json', OWNER)).not.toBe(atomicPartialPath('/d/s.json', OWNER));
  });

  it('reads the ownerless names of older versions, and nothing else', () => {
    expect(readAtomicPartialName('settings.json.notevault-0badf00d.partial')).toEqual({
      finalName: 'settings.json',
      owner: undefined,
    });
    for (const name of [
      'settings.json.partial',
      'movie.mkv.partial',
      'a.notevault-1234.partial',
      '.notevault-12345678.partial',
    ]) {
      expect(isAtomicPartialName(name)).toBe(false);
      expect(readAtomicPartialName(name)).toBeUndefined();
    }
  });
});
