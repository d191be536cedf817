import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { formatBytes, formatCount, formatDateTime } from '../../../src-shared/format';
import { nodeFileSystem } from '../../fsx/fs-seam';
import { parseBackupFileName } from '../backup-names';
import { throwIfCancelled } from '../format/abort';
import { readMetadata } from '../format/decrypt-stream';
import { inspectAnyHeader } from '../format/header';
import type { KeySource } from '../passkey-or-key';
import type { JobControls } from '../progress';
import { report } from '../progress';
import { unlockBackup } from '../unlock-backup';

/** What the catalogue recorded of a backup when it was written and read back. */
export interface ExpectedFile {
  size: number;
  /** SHA-256 (lowercase hex) of the whole encrypted file (CreateBackupResult.fileSha256). */
  fileSha256: string;
  /** The backup's metadata createdAt; without it the time in a NoteVault file name stands in. */
  createdAt?: string;
}

interface ChangeSubject {
  file: string;
  expected?: ExpectedFile | undefined;
  keySource: KeySource;
}

// The errors that already say how the file changed, so a caller never explains them twice.
const changeReports = new WeakSet<NoteVaultError>();

export function isChangeReport(error: unknown): boolean {
  return error instanceof NoteVaultError && changeReports.has(error);
}

/**
 * The sentence for a file that is not the one written: another backup put under its name (told
 * by its metadata's creation time, when the file still opens), a shorter or longer file, or the
 * same length with other bytes. `createdAt` is the file's own metadata time, if it could be read.
 */
export function changedSinceWritten(
  subject: ChangeSubject,
  size: number,
  fileSha256: string | undefined,
  createdAt: string | undefined,
  cause?: unknown,
): NoteVaultError {
  const expected = subject.expected as ExpectedFile;
  const name = basename(subject.file);
  const what = isAnotherBackup(subject.file, expected, createdAt)
    ? `it is another backup, made ${formatDateTime(createdAt as string)}`
    : size < expected.size
      ? `it is ${formatCount(expected.size - size, 'byte')} shorter`
      : size > expected.size
        ? `it is ${formatCount(size - expected.size, 'byte')} longer`
        : 'some of its bytes differ from those written';
  const error = new NoteVaultError(
    'BACKUP_DAMAGED',
    `The backup "${name}" has changed since it was made (${what}): make a new backup now.`,
    {
      cause,
      details:
        `${subject.file}: written as ${expected.size} bytes (${formatBytes(expected.size)}), SHA-256 ` +
        `${expected.fileSha256}${expected.createdAt === undefined ? '' : `, made ${expected.createdAt}`}; now ` +
        `${size} bytes${fileSha256 === undefined ? '' : `, SHA-256 ${fileSha256}`}` +
        `${createdAt === undefined ? '' : `, its metadata says made ${createdAt}`}` +
        `${cause instanceof Error ? `. The drill stopped at: ${cause.message}` : ''}`,
    },
  );
  changeReports.add(error);
  return error;
}

/**
 * After a drill failed (or before it, for a size that differs): is the file still the one written?
 * Returns the change report, or undefined when the file is byte for byte what was written (then
 * the drill's own error stands). Reads the whole file once more only on this failure path.
 */
export async function explainChange(
  subject: ChangeSubject,
  size: number,
  failure: unknown,
  controls: JobControls,
): Promise<NoteVaultError | undefined> {
  const expected = subject.expected;
  if (expected === undefined) return undefined;
  let fileSha256: string | undefined;
  if (size === expected.size) {
    fileSha256 = await hashWholeFile(subject.file, controls);
    if (fileSha256 === expected.fileSha256) return undefined;
  }
  const createdAt = await readCreatedAt(subject, controls);
  return changedSinceWritten(subject, size, fileSha256, createdAt, failure);
}

/**
 * Whether a file whose metadata says it was made at `createdAt` is the backup the catalogue
 * recorded: by the recorded time, or else by the time in a NoteVault file name (to the second);
 * 'unknown' when neither is there to compare with.
 */
export function identify(
  file: string,
  expected: ExpectedFile,
  createdAt: string | undefined,
): 'same' | 'another' | 'unknown' {
  if (createdAt === undefined) return 'unknown';
  if (expected.createdAt !== undefined) return createdAt === expected.createdAt ? 'same' : 'another';
  const named = parseBackupFileName(basename(file));
  if (named === null) return 'unknown';
  return Math.floor(Date.parse(createdAt) / 1000) === named.createdAt.getTime() / 1000 ? 'same' : 'another';
}

function isAnotherBackup(file: string, expected: ExpectedFile, createdAt: string | undefined): boolean {
  return identify(file, expected, createdAt) === 'another';
}

/** The metadata's creation time, if the file still opens with the drill's key; undefined otherwise. */
async function readCreatedAt(subject: ChangeSubject, controls: JobControls): Promise<string | undefined> {
  try {
    const header = await inspectAnyHeader(subject.file);
    const { key } = await unlockBackup(subject.file, header, subject.keySource, controls);
    try {
      return (await readMetadata(subject.file, key)).metadata.createdAt;
    } finally {
      key.fill(0);
    }
  } catch (error) {
    if (error instanceof NoteVaultError && error.code === 'CANCELLED') throw error;
    return undefined;
  }
}

const READ_BYTES = 1024 * 1024;

async function hashWholeFile(file: string, controls: JobControls): Promise<string> {
  const fs = controls.fileLayer?.fs ?? nodeFileSystem;
  const handle = await fs.open(file, 'r');
  try {
    const total = (await handle.stat()).size;
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(READ_BYTES);
    let done = 0;
    for (;;) {
      throwIfCancelled(controls.signal, 'The restore drill');
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      done += bytesRead;
      report(controls, 'verifying', done, total);
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
