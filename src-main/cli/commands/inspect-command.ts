import { resolve } from 'node:path';
import type { CliCommand } from '../cli-types';
import { flag, positional } from '../command-input';
import {
  PASSKEY_ARGUMENT_REFUSAL,
  PASSKEY_ENV,
  obtainPasskey,
  passkeyWillBeObtained,
} from '../passkey/obtain-passkey';
import { assertLooksLikeBackup } from './backup-file-checks';
import { formatBytes } from '../../../src-shared/format';
import type { BackupCommandContext } from './backup-job-context';
import { runJobFromCli } from './backup-job-context';
import { OPENING_COST_HELP, YES_OPTION, confirmOpeningCost } from './opening-cost-check';

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
      yes: YES_OPTION,
    },
    refusedOptions: { passkey: PASSKEY_ARGUMENT_REFUSAL },
    details: [
      'Without a passkey, shows the cleartext header: format version and the key-derivation ' +
        'settings (which say how much memory and time opening the backup takes). With a passkey ' +
        `(${PASSKEY_ENV}, --passkey-stdin or --ask-passkey) it also decrypts the first chunk and shows ` +
        'the metadata: when and by which NoteVault the backup was made, how many notes it holds and how ' +
        'large the database is. Inspecting proves the passkey but does not check the rest of the file; ' +
        'use "notevault verify" for that. A backup whose metadata is implausible (a size the file ' +
        'cannot hold, more notes than that size can hold) is reported as damaged, exit code 4.',
      OPENING_COST_HELP,
    ],
    async run(input, io) {
      const file = resolve(positional(input, 'file'));
      const fileHeader = await assertLooksLikeBackup(file, '<file>');
      const passkeyRequest = {
        commandName: 'inspect',
        fromStdin: flag(input, 'passkey-stdin'),
        mayPrompt: flag(input, 'ask-passkey'),
        confirm: false,
      };
      // Only a passkey makes inspect derive a key; the header alone costs nothing to show.
      if (passkeyWillBeObtained(io, passkeyRequest)) {
        await confirmOpeningCost(io, fileHeader.kdf, { yes: flag(input, 'yes'), commandName: 'inspect' });
      }
      const passkey = await obtainPasskey(io, passkeyRequest);
      const result = await runJobFromCli(
        { kind: 'inspect', request: { file, ...(passkey === undefined ? {} : { keySource: { passkey } }) } },
        context,
        io,
      );
      const { header, metadata } = result;
      const lines = [
        `${file}: NoteVault backup, format version ${header.formatVersion}, ${formatBytes(header.size)}`,
        `Key derivation: Argon2id, ${header.kdf.opslimit} passes over ${formatBytes(header.kdf.memlimit)} of memory`,
      ];
      if (metadata === undefined) {
        lines.push(
          `Give the passkey (${PASSKEY_ENV}, --passkey-stdin or --ask-passkey) to see what is inside.`,
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
            kdf: {
              algorithm: header.kdf.algorithm,
              opslimit: header.kdf.opslimit,
              memlimit: header.kdf.memlimit,
            },
          },
          metadata: metadata === undefined ? null : { ...metadata },
        },
        text: lines.join('\n'),
      };
    },
  };
}
