import {
  linkSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileSystem } from '../../fsx/fs-seam';
import { nodeFileSystem } from '../../fsx/fs-seam';
import {
  NEW_PASSKEY,
  OLD_PASSKEY,
  backupWithNewHeader,
  decryptsFully,
  whichPasskeyOpens,
} from '../../../test/main/backup/rekey-test-support';
import { finishRekeyJournal, recoverRekeyJournals } from './finish-journal';
import { decodeJournal, encodeJournal, journalPathFor } from './rekey-journal';

// A real v2 backup and the header a passkey change gives it: recovery writes only a whole v2
// header, over the old one, the new one, or a write torn between them.
let dir = '';
let backup = '';
let oldHeader: Uint8Array;
let newHeader: Uint8Array;
let original: Buffer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nv-rekey-journal-'));
  backup = join(dir, 'NoteVault-2026-12-06T01-00-00Z.nvbak');
  ({ oldHeader, newHeader } = await backupWithNewHeader(backup));
  original = readFileSync(backup);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const H = () => newHeader.length;
const withHeader = (header: Uint8Array) => Buffer.concat([header, original.subarray(header.length)]);
const journalOf = (header: Uint8Array, old = oldHeader, size = original.length) =>
  encodeJournal({ fileSize: size, oldHeader: old, header });

describe('the journal encoding', () => {
  it('reads back what it wrote and refuses any changed or cut byte', () => {
    const bytes = journalOf(newHeader);
    expect(decodeJournal(bytes)).toEqual({ fileSize: original.length, oldHeader, header: newHeader });
    for (const at of [0, 9, 17, 20, 100, 20 + H() + 5, bytes.length - 1]) {
      const changed = new Uint8Array(bytes);
      changed[at]! ^= 1;
      expect(decodeJournal(changed)).toBeUndefined();
    }
    expect(decodeJournal(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    expect(decodeJournal(new Uint8Array(0))).toBeUndefined();
  });
});

describe('finishing a journal left by a crash', () => {
  it('repairs a torn header write: the whole new header is written again', async () => {
    // The crash came halfway through the header write: half new, half old.
    const torn = new Uint8Array(oldHeader);
    torn.set(newHeader.subarray(0, Math.floor(H() / 2)), 0);
    writeFileSync(backup, withHeader(torn));
    expect(await whichPasskeyOpens(backup, [OLD_PASSKEY, NEW_PASSKEY])).not.toBe(OLD_PASSKEY);
    writeFileSync(journalPathFor(backup), journalOf(newHeader));

    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('finished');
    expect(readFileSync(backup)).toEqual(withHeader(newHeader));
    expect(await decryptsFully(backup, { kind: 'passkey', passkey: NEW_PASSKEY })).toBe(3000);
    expect(readdirSync(dir)).toEqual([backup.slice(dir.length + 1)]);
  });

  it('finishes a journal whose header write never started', async () => {
    writeFileSync(journalPathFor(backup), journalOf(newHeader));
    const report = await recoverRekeyJournals([dir]);
    expect(report).toEqual({ finished: [journalPathFor(backup)], discarded: [], failures: [] });
    expect(readFileSync(backup)).toEqual(withHeader(newHeader));
  });

  it('fsyncs the folder after removing a journal, so a crash cannot bring it back', async () => {
    writeFileSync(journalPathFor(backup), journalOf(newHeader));
    const events: string[] = [];
    const fs: FileSystem = {
      ...nodeFileSystem,
      unlink: async (path) => {
        await nodeFileSystem.unlink(path);
        events.push(`unlink ${path}`);
      },
      open: async (path, flags, mode) => {
        const handle = await nodeFileSystem.open(path, flags, mode);
        if (path !== dir) return handle;
        return new Proxy(handle, {
          get(target, property) {
            if (property === 'sync') return () => target.sync().then(() => events.push(`fsync ${path}`));
            const value: unknown = Reflect.get(target, property);
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      },
    };
    expect(await finishRekeyJournal(journalPathFor(backup), backup, { fs })).toBe('finished');
    expect(events).toEqual([`unlink ${journalPathFor(backup)}`, `fsync ${dir}`]);
  });

  it('drops an incomplete journal and leaves the backup as it is', async () => {
    writeFileSync(journalPathFor(backup), journalOf(newHeader).subarray(0, 120));
    const report = await recoverRekeyJournals([dir]);
    expect(report).toEqual({ finished: [], discarded: [journalPathFor(backup)], failures: [] });
    expect(readFileSync(backup)).toEqual(original);
  });

  it('drops a journal made for another file (other fixed part, or other size)', async () => {
    const foreign = new Uint8Array(newHeader);
    foreign[20]! ^= 0xff;
    writeFileSync(journalPathFor(backup), journalOf(foreign));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    writeFileSync(journalPathFor(backup), journalOf(newHeader, oldHeader, original.length + 1));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    expect(readFileSync(backup)).toEqual(original);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('drops a journal planted for another file of the same size and fixed part', async () => {
    // Another backup (another stream, other slots) with this file's first 36 bytes copied in:
    // size and fixed part match, but its "old" header is not what this file holds.
    const other = await backupWithNewHeader(join(dir, 'other.nvbak'));
    rmSync(join(dir, 'other.nvbak'));
    const planted = (h: Uint8Array) => {
      const copy = new Uint8Array(h);
      copy.set(oldHeader.subarray(0, 36), 0);
      return copy;
    };
    writeFileSync(journalPathFor(backup), journalOf(planted(other.newHeader), planted(other.oldHeader)));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    expect(readFileSync(backup)).toEqual(original);
    expect(readdirSync(dir)).toEqual([backup.slice(dir.length + 1)]);
  });

  it('drops a journal whose old header is another header of this file', async () => {
    // This file's own fixed part and size, but the file holds neither of the journal's headers
    // (bytes this file never had): e.g. a journal from a change whose file was replaced since.
    const elsewhere = new Uint8Array(oldHeader);
    elsewhere[60]! ^= 0x55;
    writeFileSync(backup, withHeader(elsewhere));
    writeFileSync(journalPathFor(backup), journalOf(newHeader));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    expect(readFileSync(backup)).toEqual(withHeader(elsewhere));
  });

  it('drops a journal whose new header is not a whole v2 header', async () => {
    const notV2 = new Uint8Array(newHeader);
    notV2[38] = 0; // slot count 0
    writeFileSync(journalPathFor(backup), journalOf(notV2));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    expect(readFileSync(backup)).toEqual(original);
  });

  it('never writes a file with another hard link, and keeps its journal', async () => {
    const otherName = join(dir, 'elsewhere.bin');
    linkSync(backup, otherName);
    writeFileSync(journalPathFor(backup), journalOf(newHeader));
    const report = await recoverRekeyJournals([dir]);
    expect(report).toMatchObject({
      finished: [],
      discarded: [],
      failures: [
        { path: journalPathFor(backup), code: 'IO', message: expect.stringMatching(/hard links/) as unknown },
      ],
    });
    expect(readFileSync(otherName)).toEqual(original);
    expect(readFileSync(journalPathFor(backup)).length).toBeGreaterThan(0);
  });

  it.skipIf(process.platform === 'win32')('never follows a link, as journal or as backup', async () => {
    const victim = join(dir, 'victim.bin');
    writeFileSync(victim, original);
    // The backup's name is a link to another file: the journal is dropped, the target untouched.
    rmSync(backup);
    symlinkSync(victim, backup);
    writeFileSync(journalPathFor(backup), journalOf(newHeader));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    expect(readFileSync(victim)).toEqual(original);
    // A journal that is a link is not opened at all.
    const planted = join(dir, 'planted.rekey.bin');
    writeFileSync(planted, journalOf(newHeader));
    const other = join(dir, 'other.nvbak');
    writeFileSync(other, original);
    symlinkSync(planted, journalPathFor(other));
    expect(await recoverRekeyJournals([dir])).toEqual({ finished: [], discarded: [], failures: [] });
    expect(readFileSync(other)).toEqual(original);
  });
});
