import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { ChosenRestoreFileSlot } from './chosen-restore-file';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'notevault-chosen-'));
  writeFileSync(join(work, 'backup.nvbak'), 'not really a backup');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function refusal(slot: ChosenRestoreFileSlot, path: string): Promise<NoteVaultError> {
  const error: unknown = await slot.choose(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof NoteVaultError)) throw new Error(`"${path}" was not refused`);
  return error;
}

describe('choosing the file to restore', () => {
  it('hands out a token for a plain absolute path to a file', async () => {
    const chosen = await new ChosenRestoreFileSlot().choose(join(work, 'backup.nvbak'));
    expect(chosen.fileName).toBe('backup.nvbak');
    expect(chosen.folder).toBe(work);
  });

  it('refuses a relative path and one with NUL before touching the disk', async () => {
    const slot = new ChosenRestoreFileSlot('linux');
    for (const path of ['backup.nvbak', `${join(work, 'backup.nvbak')}\0.txt`]) {
      const error = await refusal(slot, path);
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/refused the chosen backup file/);
    }
  });

  it('refuses UNC and device paths on Windows (a stat of one would reach the network)', async () => {
    const slot = new ChosenRestoreFileSlot('win32');
    for (const path of [
      '\\\\attacker\\share\\b.nvbak',
      '//attacker/share/b.nvbak',
      '\\\\?\\C:\\b.nvbak',
      '\\\\.\\pipe\\x',
    ]) {
      const error = await refusal(slot, path);
      expect(error.code, path).toBe('VALIDATION');
      expect(error.message, path).toMatch(/UNC|device path/);
    }
  });
});
