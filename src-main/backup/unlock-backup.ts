import { NoteVaultError } from '../../src-shared/errors';
import { throwIfCancelled } from './format/abort';
import type { AnyBackupHeader } from './format/header';
import type { KdfParams } from './format/kdf';
import { unlockFileKey } from './format/v2/unlock-file-key';
import type { WayInSecret } from './format/v2/unlock-file-key';
import { resolveKey } from './passkey-or-key';
import type { KeySource, PasskeySource } from './passkey-or-key';
import type { JobControls } from './progress';

/** The key that decrypts one backup: a v1 file's derived key, or a v2 file's file key. */
export interface UnlockedBackup {
  /** Owned by the caller, who wipes it (fill(0)) when done, whatever the source was. */
  key: Uint8Array;
  /** The Argon2id settings a passkey needs for this file (v1 header, v2 passkey slot); none without a passkey slot. */
  passkeyKdf: KdfParams | undefined;
}

/**
 * Opens a backup whose header was already read and checked, with whichever way in the person
 * gave: the passkey (Argon2id runs here, in the job's worker thread), a key derived beforehand
 * for the file's settings, the recovery code or this device's key (no Argon2id). A v1 file
 * opens with its passkey only; a v2 file with any way in it has a slot for
 * (docs/backup-format.md section 17 steps 7-10, in unlock-file-key.ts).
 */
export async function unlockBackup(
  file: string,
  header: AnyBackupHeader,
  source: KeySource,
  controls: JobControls = {},
): Promise<UnlockedBackup> {
  throwIfCancelled(controls.signal, 'Opening the backup');
  if (header.formatVersion === 1) {
    if ('recoveryCode' in source || 'deviceKey' in source) throw onlyPasskeyOpensV1(file, source);
    const resolved = await resolveKey(source, header.kdf, controls);
    // A supplied key stays its owner's: the caller gets a copy it may wipe.
    return { key: resolved.derived ? resolved.key : resolved.key.slice(), passkeyKdf: header.kdf };
  }
  const passkeyKdf = header.passkeyKdf;
  const { secret, derive } = wayInFor(source, controls);
  try {
    const key = await unlockFileKey(header, secret, file, derive);
    return { key, passkeyKdf };
  } finally {
    // The copies made for unlockFileKey; the source itself stays its owner's.
    if (secret.kind === 'recovery-code') secret.code.fill(0);
    if (secret.kind === 'device') secret.secretKey.fill(0);
  }
}

type Derive = (passkey: string, kdf: KdfParams) => Promise<Uint8Array>;

/** The WayInSecret for `source`, and how a passkey slot's Argon2id output is obtained. */
function wayInFor(source: KeySource, controls: JobControls): { secret: WayInSecret; derive: Derive } {
  if ('recoveryCode' in source) {
    return { secret: { kind: 'recovery-code', code: source.recoveryCode.slice() }, derive: refuseDerive };
  }
  if ('deviceKey' in source) {
    return { secret: { kind: 'device', secretKey: source.deviceKey.slice() }, derive: refuseDerive };
  }
  const passkeySource: PasskeySource = source;
  // resolveKey reports 'deriving-key', honours cancel and, for a key derived beforehand, refuses
  // one made for other settings (KEY_MISMATCH) instead of trying it against the slot.
  const derive: Derive = async (_passkey, kdf) => {
    const resolved = await resolveKey(passkeySource, kdf, controls);
    return resolved.derived ? resolved.key : resolved.key.slice();
  };
  // A key derived beforehand has no passkey text; unlockFileKey hands this string only to `derive`.
  const passkey = 'passkey' in source ? source.passkey : '';
  return { secret: { kind: 'passkey', passkey }, derive };
}

const refuseDerive: Derive = () =>
  Promise.reject(new NoteVaultError('INTERNAL', 'Argon2id was asked for without a passkey.'));

function onlyPasskeyOpensV1(
  file: string,
  source: { recoveryCode: Uint8Array } | { deviceKey: Uint8Array },
): NoteVaultError {
  if ('recoveryCode' in source) {
    return new NoteVaultError(
      'WRONG_RECOVERY_CODE',
      'This backup was made before recovery codes existed, so only its passkey opens it. Enter its passkey instead.',
      { details: `${file}: format version 1 has no recovery-code slot` },
    );
  }
  return new NoteVaultError(
    'KEY_MISMATCH',
    'This backup was made before backups had a key for this device, so only its passkey opens it. Enter its passkey.',
    { details: `${file}: format version 1 has no device-key slot` },
  );
}
