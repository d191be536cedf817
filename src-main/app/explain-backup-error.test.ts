import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { explainBackupError } from './explain-backup-error';

// The pipeline's own text for a wrong passkey (src-main/backup/format/decrypt-stream.ts).
const PIPELINE_WRONG_PASSKEY =
  'The passkey is wrong, or the header of /home/ann/Backups/NoteVault-2026.nvbak was altered: its first ' +
  'chunk (byte offset 64) could not be decrypted. Check the passkey and try again.';

describe('explainBackupError', () => {
  it('gives the catalogue sentence as the message and the pipeline text as details', () => {
    const explained = explainBackupError(
      'restore',
      new NoteVaultError('WRONG_PASSKEY', PIPELINE_WRONG_PASSKEY),
    );
    expect(explained.code).toBe('WRONG_PASSKEY');
    expect(explained.message).toBe(
      'That passkey does not open this backup: check it (capital letters count) and try again. Your current notes were not changed.',
    );
    expect(explained.message).not.toMatch(/offset|\//);
    expect(explained.details).toBe(PIPELINE_WRONG_PASSKEY);
    expect(explained.toJSON()).toEqual({
      code: 'WRONG_PASSKEY',
      message: explained.message,
      details: PIPELINE_WRONG_PASSKEY,
    });
  });

  it('names a problem inside the backup’s database as the backup’s, keeping the database’s text as details', () => {
    const inside = new NoteVaultError(
      'DB_CORRUPT',
      'The backup x.nvbak holds a database that fails its integrity check.',
    );
    const explained = explainBackupError('preview', inside);
    expect(explained.code).toBe('BACKUP_DAMAGED');
    expect(explained.message).toBe(
      'This backup file is damaged and cannot be read: choose another backup. Nothing was changed.',
    );
    expect(explained.details).toBe(inside.message);
  });

  it('does not nest an explained error in itself', () => {
    const once = explainBackupError('restore', new NoteVaultError('WRONG_PASSKEY', PIPELINE_WRONG_PASSKEY));
    const twice = explainBackupError('restore', once);
    expect(twice.message).toBe(once.message);
    expect(twice.details).toBe(PIPELINE_WRONG_PASSKEY);
    // An IO error keeps its own message, which names the path to fix.
    const io = new NoteVaultError('IO', 'NoteVault could not read "/x.nvbak": permission denied.');
    expect(explainBackupError('restore', io)).toBe(io);
  });

  it('reports anything else as a bug, with what was thrown as details and no promise', () => {
    const explained = explainBackupError('restore', new TypeError('x is undefined'));
    expect(explained.code).toBe('INTERNAL');
    expect(explained.message).toMatch(/^Something went wrong inside NoteVault during the restore: /);
    expect(explained.message).not.toMatch(/not changed/);
    expect(explained.details).toBe('x is undefined');
  });
});
