import { stat } from 'node:fs/promises';
import { toNoteVaultError } from '../fsx/fs-errors';
import { readMetadata } from './format/decrypt-stream';
import { inspectAnyHeader } from './format/header';
import type { AnyBackupHeader } from './format/header';
import type { KdfParams } from './format/kdf';
import type { BackupMetadata } from './format/metadata';
import type { KeySource } from './passkey-or-key';
import { passkeyKdfOf } from './format/opening-cost';
import { unlockBackup } from './unlock-backup';

/** Argon2id's settings without the salt: what opening with a passkey costs. */
export interface KdfCostsView {
  algorithm: number;
  opslimit: number;
  memlimit: number;
}

/** One way into a v2 backup, as its header names it: no secret, no public key. */
export interface SlotView {
  /** 'unknown': a kind a later NoteVault added, skipped by this one. */
  kind: 'passkey' | 'recovery-code' | 'device' | 'unknown';
  /** The kind's byte in the file (1 passkey, 2 recovery code, 3 device key). */
  kindByte: number;
  /** The way in's key id (hex): tells which passkey or recovery code made the slot, without revealing it. */
  keyId: string;
  /** Passkey slots only. */
  kdf?: KdfCostsView;
}

export interface BackupInspection {
  header: {
    formatVersion: number;
    /** What a passkey costs to open it: v1's header, v2's passkey slot; null when no slot takes a passkey. */
    kdf: KdfCostsView | null;
    /** A v2 file's ways in, in the order stored; null for v1, which opens with its passkey only. */
    slots: SlotView[] | null;
    /** Size of the backup file in bytes. */
    size: number;
  };
  /** Present when a key source was given: decrypting only the first chunk proves it right. */
  metadata?: BackupMetadata;
}

/**
 * What a backup is, cheaply: without a secret the cleartext header (format version, the KDF
 * costs the app shows before asking for the passkey, and a v2 file's slots); with one (passkey,
 * recovery code or device key), also the metadata (date, kind, note count, sizes), decrypting
 * only the metadata chunk. It does not check the rest of the file; verifyBackup does.
 */
export async function inspectBackup(file: string, keySource?: KeySource): Promise<BackupInspection> {
  const header = await inspectAnyHeader(file);
  const size = await stat(file).then(
    (info) => info.size,
    (cause: unknown) => {
      throw toNoteVaultError(cause, 'read the size of', file);
    },
  );
  const summary = summarise(header, size);
  if (keySource === undefined) return { header: summary };
  const unlocked = await unlockBackup(file, header, keySource);
  try {
    const { metadata } = await readMetadata(file, unlocked.key);
    return { header: summary, metadata };
  } finally {
    unlocked.key.fill(0);
  }
}

function summarise(header: AnyBackupHeader, size: number): BackupInspection['header'] {
  const passkeyKdf = passkeyKdfOf(header);
  return {
    formatVersion: header.formatVersion,
    kdf: passkeyKdf === undefined ? null : costsOf(passkeyKdf),
    slots:
      header.formatVersion === 1
        ? null
        : header.slots.map((slot) => ({
            kind: slot.kind,
            kindByte: slot.kindByte,
            keyId: Buffer.from(slot.keyId).toString('hex'),
            ...(slot.kdf === undefined ? {} : { kdf: costsOf(slot.kdf) }),
          })),
    size,
  };
}

function costsOf({ algorithm, opslimit, memlimit }: KdfParams): KdfCostsView {
  return { algorithm, opslimit, memlimit };
}
