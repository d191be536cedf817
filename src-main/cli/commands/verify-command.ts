import { resolve } from 'node:path';
import type { CliCommand } from '../cli-types';
import { flag, positional } from '../command-input';
import { PASSKEY_ARGUMENT_REFUSAL, PASSKEY_SOURCES_HELP } from '../passkey/obtain-passkey';
import { forgetKeySource } from '../../backup/passkey-or-key';
import { obtainOpeningSecret, requiredSecret } from '../passkey/obtain-opening-secret';
import {
  RECOVERY_CODE_ARGUMENT_REFUSAL,
  RECOVERY_CODE_HELP,
  RECOVERY_CODE_STDIN,
  RECOVERY_CODE_STDIN_OPTION,
} from '../passkey/obtain-recovery-code';
import { assertLooksLikeBackup } from './backup-file-checks';
import { formatCount } from '../../../src-shared/format';
import { describeOrigin } from './backup-report';
import { OPENING_COST_HELP, YES_OPTION } from './opening-cost-check';
import type { BackupCommandContext } from './backup-job-context';
import { runJobFromCli } from './backup-job-context';

export function verifyCommand(context: BackupCommandContext): CliCommand {
  return {
    name: 'verify',
    summary: 'Check that a backup is complete, undamaged and opens with the passkey',
    positionals: [{ name: 'file', description: 'the backup file to check' }],
    options: {
      'passkey-stdin': {
        type: 'boolean',
        description: 'read the passkey from the first line of standard input',
      },
      [RECOVERY_CODE_STDIN]: RECOVERY_CODE_STDIN_OPTION,
      yes: YES_OPTION,
    },
    refusedOptions: { passkey: PASSKEY_ARGUMENT_REFUSAL, 'recovery-code': RECOVERY_CODE_ARGUMENT_REFUSAL },
    details: [
      'Decrypts the whole backup without writing the notes anywhere you can see: every chunk must ' +
        'authenticate, the data must match the checksum recorded inside, and the database in it ' +
        "must pass SQLite's integrity check and hold as many notes as recorded. Exit code 0 means " +
        'the backup can be restored; 3 means the passkey is wrong; 4 means the file is damaged or not a backup.',
      PASSKEY_SOURCES_HELP,
      RECOVERY_CODE_HELP,
      OPENING_COST_HELP,
    ],
    async run(input, io) {
      const file = resolve(positional(input, 'file'));
      const header = await assertLooksLikeBackup(file, '<file>');
      const secret = await obtainOpeningSecret(io, header, {
        commandName: 'verify',
        passkeyFromStdin: flag(input, 'passkey-stdin'),
        recoveryCodeFromStdin: flag(input, RECOVERY_CODE_STDIN),
        mayPrompt: true,
        yes: flag(input, 'yes'),
        required: true,
      });
      const keySource = requiredSecret(secret).keySource;
      const result = await runJobFromCli(
        {
          kind: 'verify',
          request: {
            file,
            keySource,
            ...(context.tempParent === undefined ? {} : { tempParent: context.tempParent }),
          },
        },
        context,
        io,
      ).finally(() => forgetKeySource(keySource));
      return {
        data: { file: result.file, noteCount: result.noteCount, metadata: { ...result.metadata } },
        text: `${result.file} is a good backup: ${formatCount(result.noteCount, 'note')}, ${describeOrigin(result.metadata)}.`,
      };
    },
  };
}
