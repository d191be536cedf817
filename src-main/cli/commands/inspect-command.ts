import { resolve } from 'node:path';
import type { CliCommand } from '../cli-types';
import { flag, positional } from '../command-input';
import { PASSKEY_ARGUMENT_REFUSAL, PASSKEY_ENV } from '../passkey/obtain-passkey';
import { forgetKeySource } from '../../backup/passkey-or-key';
import { obtainOpeningSecret } from '../passkey/obtain-opening-secret';
import {
  RECOVERY_CODE_ARGUMENT_REFUSAL,
  RECOVERY_CODE_HELP,
  RECOVERY_CODE_STDIN,
  RECOVERY_CODE_STDIN_OPTION,
} from '../passkey/obtain-recovery-code';
import type { BackupInspection, KdfCostsView, SlotView } from '../../backup/inspect-backup';
import { assertLooksLikeBackup } from './backup-file-checks';
import { formatBytes } from '../../../src-shared/format';
import type { BackupCommandContext } from './backup-job-context';
import { runJobFromCli } from './backup-job-context';
import { OPENING_COST_HELP, YES_OPTION } from './opening-cost-check';

export function inspectCommand(context: BackupCommandContext): CliCommand {
  return {
    name: 'inspect',
    summary: 'Show what a backup file says about itself',
    positionals: [{ name: 'file', description: 'the backup file to look at' }],
    options: {
      'passkey-stdin': {
        type: 'boolean',
        description: 'read the passkey from the first line of standard input, to show the metadata too',
      },
      'ask-passkey': {
        type: 'boolean',
        description: 'ask for the passkey on the terminal, to show the metadata too',
      },
      [RECOVERY_CODE_STDIN]: RECOVERY_CODE_STDIN_OPTION,
      yes: YES_OPTION,
    },
    refusedOptions: { passkey: PASSKEY_ARGUMENT_REFUSAL, 'recovery-code': RECOVERY_CODE_ARGUMENT_REFUSAL },
    details: [
      'Without a passkey, shows the cleartext header: format version and the key-derivation ' +
        'settings (which say how much memory and time opening the backup takes); for a backup in ' +
        'format version 2 also its ways in (passkey, recovery code, device key), each with its key id, ' +
        'which names the passkey or code it was made for without revealing it. With a passkey ' +
        `(${PASSKEY_ENV}, --passkey-stdin or --ask-passkey) it also decrypts the first chunk and shows ` +
        'the metadata: when and by which NoteVault the backup was made, how many notes it holds and how ' +
        'large the database is. Inspecting proves the passkey but does not check the rest of the file; ' +
        'use "notevault verify" for that. A backup whose metadata is implausible (a size the file ' +
        'cannot hold, more notes than that size can hold) is reported as damaged, exit code 4.',
      RECOVERY_CODE_HELP,
      OPENING_COST_HELP,
    ],
    async run(input, io) {
      const file = resolve(positional(input, 'file'));
      const fileHeader = await assertLooksLikeBackup(file, '<file>');
      const secret = await obtainOpeningSecret(io, fileHeader, {
        commandName: 'inspect',
        passkeyFromStdin: flag(input, 'passkey-stdin'),
        recoveryCodeFromStdin: flag(input, RECOVERY_CODE_STDIN),
        mayPrompt: flag(input, 'ask-passkey'),
        yes: flag(input, 'yes'),
        required: false,
      });
      const result = await runJobFromCli(
        {
          kind: 'inspect',
          request: { file, ...(secret === undefined ? {} : { keySource: secret.keySource }) },
        },
        context,
        io,
      ).finally(() => forgetKeySource(secret?.keySource));
      const { header, metadata } = result;
      const lines = [
        `${file}: NoteVault backup, format version ${header.formatVersion}, ${formatBytes(header.size)}`,
        ...describeWaysIn(header),
      ];
      if (metadata === undefined) {
        lines.push(
          `Give the passkey (${PASSKEY_ENV}, --passkey-stdin or --ask-passkey) or the recovery code ` +
            `(--${RECOVERY_CODE_STDIN}) to see what is inside.`,
        );
      } else {
        lines.push(
          `Made:     ${metadata.createdAt} by NoteVault ${metadata.appVersion} (${metadata.kind} backup)`,
          `Notes:    ${metadata.noteCount}`,
          `Database: ${formatBytes(metadata.plaintextSize)}, schema version ${metadata.schemaVersion}`,
          `SHA-256:  ${metadata.plaintextSha256}`,
        );
      }
      return {
        data: {
          file,
          header: {
            formatVersion: header.formatVersion,
            size: header.size,
            kdf: header.kdf === null ? null : { ...header.kdf },
            slots: header.slots === null ? null : header.slots.map((slot) => ({ ...slot })),
          },
          metadata: metadata === undefined ? null : { ...metadata },
        },
        text: lines.join('\n'),
      };
    },
  };
}

const SLOT_NAMES: Record<SlotView['kind'], string> = {
  passkey: 'passkey',
  'recovery-code': 'recovery code',
  device: "this installation's device key (scheduled backup)",
  unknown: 'a kind this NoteVault does not know (skipped)',
};

/** The key-derivation line (v1) or one line per way in (v2): nothing secret, key ids only. */
function describeWaysIn(header: BackupInspection['header']): string[] {
  const argon = (kdf: KdfCostsView): string =>
    `Argon2id, ${kdf.opslimit} passes over ${formatBytes(kdf.memlimit)} of memory`;
  if (header.slots === null) {
    // Format version 1: its passkey is the only way in.
    return header.kdf === null ? [] : [`Key derivation: ${argon(header.kdf)}`];
  }
  return [
    `Opens with (${header.slots.length} ${header.slots.length === 1 ? 'way' : 'ways'} in):`,
    ...header.slots.map(
      (slot) =>
        `  ${SLOT_NAMES[slot.kind]}, key id ${slot.keyId}` +
        (slot.kdf === undefined ? '' : ` (key derivation: ${argon(slot.kdf)})`),
    ),
  ];
}
