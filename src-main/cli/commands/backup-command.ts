import { dirname } from 'node:path';
import { BACKUP_EXTENSION } from '../../backup/backup-names';
import { destinationFolder } from '../../backup/backup-target';
import type { CliCommand } from '../cli-types';
import { flag, pathOption } from '../command-input';
import { assertNewPasskeyStrongEnough } from '../../app/passkey-check';
import { PASSKEY_ARGUMENT_REFUSAL, PASSKEY_SOURCES_HELP, requirePasskey } from '../passkey/obtain-passkey';
import { assertBackupDestination, assertIsFile } from './backup-file-checks';
import { formatBytes, formatCount } from '../../../src-shared/format';
import type { BackupCommandContext } from './backup-job-context';
import { runJobFromCli, sweepBeforeJob } from './backup-job-context';
import { readBackupKeys } from '../../backup/keys/backup-keys-file';
import { checkOrRememberPasskey } from '../../backup/keys/passkey-keys';

export function backupCommand(context: BackupCommandContext): CliCommand {
  return {
    name: 'backup',
    summary: 'Write an encrypted, verified backup of a notes database',
    positionals: [],
    options: {
      db: { type: 'string', valueName: '<path>', required: true, description: 'notes database to back up' },
      out: {
        type: 'string',
        valueName: '<folder-or-file>',
        required: true,
        description: `an existing folder (the file name is generated) or a file name ending in ${BACKUP_EXTENSION}`,
      },
      'passkey-stdin': {
        type: 'boolean',
        description: 'read the passkey from the first line of standard input',
      },
    },
    refusedOptions: { passkey: PASSKEY_ARGUMENT_REFUSAL },
    details: [
      'The backup is a consistent snapshot of the database, taken while the app may keep running, ' +
        'encrypted with a key derived from the passkey (Argon2id), then read back and checked before it ' +
        `gets its final name. Generated names look like NoteVault-2026-11-25T22-48-03Z${BACKUP_EXTENSION} ` +
        'and never replace an existing file.',
      `${PASSKEY_SOURCES_HELP} At the prompt the passkey is asked twice, because a backup with a ` +
        'mistyped passkey could never be opened. A passkey that is easy to guess is refused, as in the ' +
        'app. Keep the passkey safe: without it nobody, NoteVault included, can read the backup.',
    ],
    async run(input, io) {
      const db = pathOption(input, 'db');
      const out = pathOption(input, 'out');
      await assertIsFile(db, 'notes database', '--db');
      await assertBackupDestination(out);
      const passkey = await requirePasskey(io, {
        commandName: 'backup',
        fromStdin: flag(input, 'passkey-stdin'),
        mayPrompt: true,
        confirm: true,
      });
      // The app's rule (src-shared/passkey-strength.ts), so a weak passkey is refused here too.
      await assertNewPasskeyStrongEnough(passkey);
      // The salt and costs kept for this passkey beside the database, so every backup opens with one
      // Argon2id run; a different passkey is refused by the job (write-keys.ts).
      const keptKeys = await readBackupKeys(dirname(db));
      await sweepBeforeJob(io, {
        databaseFolder: dirname(db),
        backupFolders: [destinationFolder(out)],
        tempParent: context.tempParent,
      });
      const result = await runJobFromCli(
        {
          kind: 'backup',
          request: {
            databasePath: db,
            destination: out,
            keySource: {
              passkey,
              kdf: keptKeys.passkey?.kdf,
              publicKey: keptKeys.passkey?.publicKey,
            },
            alsoOpenWith: { recoveryCode: keptKeys.recoveryCode?.publicKey },
            kind: 'manual',
            appVersion: context.appVersion,
            ...(context.tempParent === undefined ? {} : { tempParent: context.tempParent }),
          },
        },
        context,
        io,
      );
      // The first backup with a passkey keeps its salt, costs and public key for every later one.
      await checkOrRememberPasskey(dirname(db), result.kdf, result.passkeyPublicKey);
      const { metadata } = result;
      return {
        data: {
          db,
          file: result.file,
          size: result.size,
          noteCount: metadata.noteCount,
          schemaVersion: metadata.schemaVersion,
          createdAt: metadata.createdAt,
        },
        text:
          `Backed up ${formatCount(metadata.noteCount, 'note')} from ${db} to ${result.file} ` +
          `(${formatBytes(result.size)}); the backup was read back and verified.`,
      };
    },
  };
}
