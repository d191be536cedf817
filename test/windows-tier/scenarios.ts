/**
 * The cases of the Windows file-locking tier: for each file-layer operation, the folder before it runs,
 * which file the holder holds, where the holder blocks it, and the folder that must result.
 *
 * Expected outcomes are the table measured under Wine 8 with Windows Node 20 (fs-seam.ts and
 * docs/design "windows-under-wine"): a "blocked" operation is retried until the holder lets go (short
 * hold) or fails with FILE_LOCKED once the budget is spent (long hold); a "free" one succeeds at once,
 * even while the file is held. Two entries depend on Wine and differ from real Windows; they are
 * marked WINE below.
 *
 * Every case folder also holds BYSTANDERS (earlier backups, a file of the person's) that must come
 * out of every case byte for byte, whatever the outcome.
 */
import { createHash } from 'node:crypto';
import { NoteVaultError } from '../../src-shared/errors';
import type { HolderMode } from './protocol';

/**
 * Relative path (with '/') -> file bytes, DIR for a folder that exists (possibly empty), or OTHER for
 * anything else found there (a symbolic link, which is never followed).
 */
export type Tree = Record<string, Buffer | typeof DIR | typeof OTHER>;
export const DIR = 'dir';
export const OTHER = 'other';

/** Deterministic bytes, the same on both sides of the tier, different for every label. */
export function bytesFor(label: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let block = 0; block * 32 < size; block++) {
    createHash('sha256')
      .update(`${label}:${block}`)
      .digest()
      .copy(out, block * 32);
  }
  return out;
}

/** Marks every plaintext note body, so no copy of one can hide anywhere in a folder afterwards. */
export const PLAINTEXT_MARK = 'NOTEVAULT-PLAINTEXT-NOTE';

export function plaintextFor(label: string, lines: number): Buffer {
  const text = Array.from({ length: lines }, (_, i) => `${PLAINTEXT_MARK} ${label} line ${i}\n`).join('');
  return Buffer.from(text, 'utf8');
}

export const BYSTANDERS: Tree = {
  'backup-2023-01.nvbak': bytesFor('earlier backup 1', 4096),
  'backup-2023-02.nvbak': bytesFor('earlier backup 2', 3001),
  'notes.txt': Buffer.from("A file of the person's that NoteVault must never touch.\n", 'utf8'),
};

/** What the sweep treats as a backup, so `<name>.partial` is a leftover of ours. */
export const isBackupName = (name: string) => name.endsWith('.nvbak');

const PRIVATE_TEMP = 'notevault-tmp-backup-Ab12Cd';
const SWEPT_TEMP = 'notevault-tmp-backup-Zz99Yy';
export const SETTINGS_BEFORE = Buffer.from('{"theme":"dark","backupFolder":"D:\\\\Backups"}\n', 'utf8');
export const SETTINGS_AFTER = Buffer.from('{"theme":"light","backupFolder":"E:\\\\NoteVault"}\n', 'utf8');
export const NEW_BYTES = bytesFor('new content', 70_000);
export const OLD_BYTES = bytesFor('original content', 50_000);

const ALL: Record<HolderMode, boolean> = {
  sqlite: true,
  'sqlite-vfs': true,
  'share-delete': true,
  exclusive: true,
};
const WITHOUT_SHARE_DELETE: Record<HolderMode, boolean> = { ...ALL, 'share-delete': false };
const EXCLUSIVE_ONLY: Record<HolderMode, boolean> = {
  sqlite: false,
  'sqlite-vfs': false,
  'share-delete': false,
  exclusive: true,
};

export interface Operation {
  id: string;
  /** The call under test, as the table shows it. */
  title: string;
  /** The file the holder holds (relative). */
  held: string;
  /** The path a FILE_LOCKED message must name (relative). */
  lockedName: string;
  /** Whether the holder in that mode blocks the operation until it lets go. */
  blockedBy: Record<HolderMode, boolean>;
  /** How many retry budgets the operation may spend before it gives up (steps that each wait). */
  budgets: number;
  before: () => Tree;
  /** For the sweep: what its first report must count, whether or not the held file stopped it. */
  sweepCounts?: { removedPartials: number; wipedFiles: number };
  /** The folder afterwards (bystanders added by the caller); `swept` after a long hold. */
  after: (before: Tree, outcome: 'ok' | 'FILE_LOCKED', swept: boolean) => Tree;
}

const unchanged = (before: Tree) => before;
const NOTHING: Tree = {};

export const OPERATIONS: readonly Operation[] = [
  {
    id: 'rename-replace',
    title: 'renameWithRetry(new -> held target)',
    held: 'target.bin',
    lockedName: 'target.bin',
    // MoveFileExW(MOVEFILE_REPLACE_EXISTING) is refused (EPERM) while the target is open at all.
    blockedBy: ALL,
    budgets: 1,
    before: () => ({ 'new.bin': NEW_BYTES, 'target.bin': OLD_BYTES }),
    after: (b, outcome) => (outcome === 'ok' ? { 'target.bin': need(b, 'new.bin') } : unchanged(b)),
  },
  {
    id: 'rename-source',
    title: 'renameWithRetry(held -> elsewhere)',
    held: 'held.bin',
    lockedName: 'held.bin',
    blockedBy: WITHOUT_SHARE_DELETE,
    budgets: 1,
    before: () => ({ 'held.bin': OLD_BYTES }),
    after: (b, outcome) => (outcome === 'ok' ? { 'moved.bin': need(b, 'held.bin') } : unchanged(b)),
  },
  {
    id: 'unlink',
    title: 'unlinkWithRetry(held)',
    held: 'victim.bin',
    lockedName: 'victim.bin',
    // WINE: with share-delete the delete succeeds but the name stays until the holder closes (delete
    // pending); Windows 10 1709+ on NTFS removes the name at once. Both end with the file gone.
    blockedBy: WITHOUT_SHARE_DELETE,
    budgets: 1,
    before: () => ({ 'victim.bin': OLD_BYTES }),
    after: (b, outcome) => (outcome === 'ok' ? NOTHING : unchanged(b)),
  },
  {
    id: 'copy-onto',
    title: 'copyFileWithRetry(new -> held target)',
    held: 'target.bin',
    lockedName: 'target.bin',
    // WINE: CopyFileW onto a file held with read/write sharing succeeds under Wine; real Windows may
    // refuse it (CopyFile asks for less sharing than the holder allows), so there it may be "blocked".
    blockedBy: EXCLUSIVE_ONLY,
    budgets: 1,
    before: () => ({ 'new.bin': NEW_BYTES, 'target.bin': OLD_BYTES }),
    after: (b, outcome) =>
      outcome === 'ok' ? { 'new.bin': need(b, 'new.bin'), 'target.bin': need(b, 'new.bin') } : unchanged(b),
  },
  {
    id: 'open-write',
    title: "openWithRetry(held, 'w') + write",
    held: 'target.bin',
    lockedName: 'target.bin',
    blockedBy: EXCLUSIVE_ONLY,
    budgets: 1,
    before: () => ({ 'target.bin': OLD_BYTES }),
    after: (b, outcome) => (outcome === 'ok' ? { 'target.bin': NEW_BYTES } : unchanged(b)),
  },
  {
    id: 'secure-wipe',
    title: 'secureWipe(held plaintext snapshot)',
    held: `${PRIVATE_TEMP}/snapshot.db`,
    lockedName: `${PRIVATE_TEMP}/snapshot.db`,
    // sqlite: the overwrite goes through, then rename and delete each wait a budget (2 budgets).
    // exclusive: the open waits a budget, then the fallback delete another.
    blockedBy: WITHOUT_SHARE_DELETE,
    budgets: 2,
    before: () => ({ [`${PRIVATE_TEMP}/snapshot.db`]: plaintextFor('snapshot', 2000) }),
    // secureWipe removes the file, not its private folder; the sweep removes the folder.
    after: (_b, _outcome, swept) => (swept ? NOTHING : { [PRIVATE_TEMP]: DIR }),
  },
  {
    id: 'publish-held-final',
    title: 'publishFile(partial -> held final)',
    held: 'backup-2024.nvbak',
    lockedName: 'backup-2024.nvbak',
    blockedBy: ALL,
    budgets: 1,
    before: () => ({ 'backup-2024.nvbak': OLD_BYTES, 'backup-2024.nvbak.partial': NEW_BYTES }),
    // On failure publishFile removes its partial itself: the old backup stays, nothing half-written.
    after: (b, outcome) =>
      outcome === 'ok'
        ? { 'backup-2024.nvbak': need(b, 'backup-2024.nvbak.partial') }
        : { 'backup-2024.nvbak': need(b, 'backup-2024.nvbak') },
  },
  {
    id: 'publish-held-partial',
    title: 'publishFile(held partial -> final)',
    held: 'backup-2025.nvbak.partial',
    lockedName: 'backup-2025.nvbak.partial',
    // The antivirus case: a scanner opens the fresh partial. exclusive blocks the fsync's open (then
    // the clean-up delete waits another budget); the others block the rename of the held source.
    blockedBy: WITHOUT_SHARE_DELETE,
    budgets: 2,
    before: () => ({ 'backup-2025.nvbak.partial': NEW_BYTES }),
    // On failure the partial outlives the holder; the sweep removes it. No final file ever appears.
    after: (b, outcome) =>
      outcome === 'ok' ? { 'backup-2025.nvbak': need(b, 'backup-2025.nvbak.partial') } : NOTHING,
  },
  {
    id: 'write-atomic',
    title: 'writeFileAtomic(held settings.json)',
    held: 'settings.json',
    lockedName: 'settings.json',
    blockedBy: ALL,
    budgets: 1,
    before: () => ({ 'settings.json': SETTINGS_BEFORE }),
    after: (b, outcome) => (outcome === 'ok' ? { 'settings.json': SETTINGS_AFTER } : unchanged(b)),
  },
  {
    id: 'sweep-held-leftover',
    title: 'sweepLeftovers(folder with held snapshot)',
    held: `${SWEPT_TEMP}/snapshot.db`,
    // The failure names the held snapshot, or (share-delete) the private folder that still lists it.
    lockedName: SWEPT_TEMP,
    // WINE: with share-delete the snapshot is wiped and deleted at once, but the delete stays pending
    // until the holder closes, so removing the folder meets ENOTEMPTY (retried) until then. On Windows
    // 10 1709+ with NTFS the name vanishes at once and the sweep would succeed while the file is held.
    blockedBy: ALL,
    budgets: 2,
    before: () => ({
      [`${SWEPT_TEMP}/pages.bin`]: plaintextFor('pages', 500),
      [`${SWEPT_TEMP}/snapshot.db`]: plaintextFor('swept snapshot', 2000),
      'backup-2022.nvbak.partial': bytesFor('abandoned backup partial', 9000),
      'settings.json.notevault-0badf00d.partial': bytesFor('abandoned settings partial', 100),
      'notevault-wipe-00112233445566778899aabbccddeeff': bytesFor('half-wiped leftover', 5000),
    }),
    // Failures do not stop a sweep: the two partials and the wipe leftover go even while the
    // snapshot is held, and what it could not do, the sweep after the holder let go did.
    sweepCounts: { removedPartials: 2, wipedFiles: 1 },
    after: () => NOTHING,
  },
];

function need(tree: Tree, name: string): Buffer {
  const entry = tree[name];
  if (!Buffer.isBuffer(entry)) {
    throw new NoteVaultError('INTERNAL', `Scenario bug: "${name}" is not a file of the case.`);
  }
  return entry;
}

export function operationById(id: string): Operation {
  const op = OPERATIONS.find((o) => o.id === id);
  if (!op) {
    throw new NoteVaultError(
      'VALIDATION',
      `Unknown operation "${id}"; known: ${OPERATIONS.map((o) => o.id).join(', ')}.`,
    );
  }
  return op;
}

/** The outcome the measured table predicts for a case. */
export function expectedOutcome(op: Operation, mode: HolderMode, phase: 'short' | 'long' | 'worst') {
  return phase === 'short' || !op.blockedBy[mode] ? 'ok' : 'FILE_LOCKED';
}
