import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishRekeyJournal, recoverRekeyJournals } from './finish-journal';
import { decodeJournal, encodeJournal, journalPathFor } from './rekey-journal';

// Journals are format-agnostic: a file whose first 36 bytes are its "fixed part", an old
// header after them and a payload, and a new header of the same length, are all they need.
const HEADER = 200;
let dir = '';
let backup = '';
let oldHeader: Uint8Array;
let newHeader: Uint8Array;
let payload: Uint8Array;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nv-rekey-journal-'));
  backup = join(dir, 'NoteVault-2026-12-06T01-00-00Z.nvbak');
  oldHeader = new Uint8Array(randomBytes(HEADER));
  newHeader = new Uint8Array(randomBytes(HEADER));
  newHeader.set(oldHeader.subarray(0, 36), 0);
  payload = new Uint8Array(randomBytes(5000));
  writeFileSync(backup, Buffer.concat([oldHeader, payload]));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fileSize = () => HEADER + payload.length;
const withHeader = (header: Uint8Array) => Buffer.concat([header, payload]);
const journalOf = (header: Uint8Array, size = fileSize()) => encodeJournal({ fileSize: size, header });

describe('the journal encoding', () => {
  it('reads back what it wrote and refuses any changed or cut byte', () => {
    const bytes = journalOf(newHeader);
    expect(decodeJournal(bytes)).toEqual({ fileSize: fileSize(), header: newHeader });
    for (const at of [0, 9, 17, 20, 100, bytes.length - 1]) {
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
    torn.set(newHeader.subarray(0, HEADER / 2), 0);
    writeFileSync(backup, withHeader(torn));
    writeFileSync(journalPathFor(backup), journalOf(newHeader));

    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('finished');
    expect(readFileSync(backup)).toEqual(withHeader(newHeader));
    expect(readdirSync(dir)).toEqual([backup.slice(dir.length + 1)]);
  });

  it('finishes a journal whose header write never started', async () => {
    writeFileSync(journalPathFor(backup), journalOf(newHeader));
    const report = await recoverRekeyJournals([dir]);
    expect(report).toEqual({ finished: [journalPathFor(backup)], discarded: [], failures: [] });
    expect(readFileSync(backup)).toEqual(withHeader(newHeader));
  });

  it('drops an incomplete journal and leaves the backup as it is', async () => {
    writeFileSync(journalPathFor(backup), journalOf(newHeader).subarray(0, 120));
    const report = await recoverRekeyJournals([dir]);
    expect(report).toEqual({ finished: [], discarded: [journalPathFor(backup)], failures: [] });
    expect(readFileSync(backup)).toEqual(withHeader(oldHeader));
  });

  it('drops a journal made for another file (other fixed part, or other size)', async () => {
    const foreign = new Uint8Array(newHeader);
    foreign[20]! ^= 0xff;
    writeFileSync(journalPathFor(backup), journalOf(foreign));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    writeFileSync(journalPathFor(backup), journalOf(newHeader, fileSize() + 1));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    expect(readFileSync(backup)).toEqual(withHeader(oldHeader));
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it.skipIf(process.platform === 'win32')('never follows a link, as journal or as backup', async () => {
    const victim = join(dir, 'victim.bin');
    writeFileSync(victim, withHeader(oldHeader));
    // The backup's name is a link to another file: the journal is dropped, the target untouched.
    rmSync(backup);
    symlinkSync(victim, backup);
    writeFileSync(journalPathFor(backup), journalOf(newHeader));
    expect(await finishRekeyJournal(journalPathFor(backup), backup)).toBe('discarded');
    expect(readFileSync(victim)).toEqual(withHeader(oldHeader));
    // A journal that is a link is not opened at all.
    const planted = join(dir, 'planted.rekey.bin');
    writeFileSync(planted, journalOf(newHeader));
    const other = join(dir, 'other.nvbak');
    writeFileSync(other, withHeader(oldHeader));
    symlinkSync(planted, journalPathFor(other));
    expect(await recoverRekeyJournals([dir])).toEqual({ finished: [], discarded: [], failures: [] });
    expect(readFileSync(other)).toEqual(withHeader(oldHeader));
  });
});
