import { dirname } from 'node:path';
import { describePasskeyChange } from '../../../src-shared/change-passkey-text';
import { assertNotUsedElsewhere } from '../../db/database-owner';
import type { CliCommand } from '../cli-types';
import { flag, pathOption } from '../command-input';
import { PASSKEY_ARGUMENT_REFUSAL } from '../passkey/obtain-passkey';
import {
  CHANGE_PASSKEY_OPTIONS,
  CHANGE_PASSKEY_SOURCES_HELP,
  obtainChangePasskeys,
} from '../passkey/obtain-change-passkeys';
import { assertIsFile } from './backup-file-checks';
import { SCHEDULED_KEYS_CLI_HELP } from './scheduled-keys-help';
import type { BackupCommandContext } from './backup-job-context';
import { runJobFromCli, sweepBeforeJob } from './backup-job-context';

export function changePasskeyCommand(context: BackupCommandContext): CliCommand {
  return {
    name: 'change-passkey',
    summary: 'Give every backup in a folder a new passkey, in seconds',
    positionals: [],
    options: {
      db: {
        type: 'string',
        valueName: '<path>',
        required: true,
        description: 'notes database whose passkey changes (its backup-keys.json is updated)',
      },
      backups: {
        type: 'string',
        valueName: '<folder>',
        required: true,
        description: 'folder whose backups get the new passkey',
      },
      ...CHANGE_PASSKEY_OPTIONS,
    },
    refusedOptions: {
      passkey: PASSKEY_ARGUMENT_REFUSAL,
      'old-passkey': PASSKEY_ARGUMENT_REFUSAL,
      'new-passkey': PASSKEY_ARGUMENT_REFUSAL,
    },
    details: [
      'Rewrites only the small header of each backup made by NoteVault 0.2 or later: the passkey ' +
        'slot is made for the new passkey, every other way in (recovery code, this device) and the ' +
        'encrypted notes stay byte for byte. Each file is checked with the new passkey before the ' +
        'next one, and a crash at any moment leaves every file opening with the old or the new ' +
        'passkey (running the command again finishes). Backups made by NoteVault 0.1, with another ' +
        'passkey, or held by another program are listed as not changed. Refused while the NoteVault ' +
        'app has the database open: change the passkey there, or quit it first.',
      'Copies of your backups kept anywhere else (another drive, a cloud folder) are not changed: ' +
        'they still open with the old passkey only.',
      SCHEDULED_KEYS_CLI_HELP,
      CHANGE_PASSKEY_SOURCES_HELP,
    ],
    async run(input, io) {
      const db = pathOption(input, 'db');
      const backups = pathOption(input, 'backups');
      await assertIsFile(db, 'notes database', '--db');
      // The app writes backup-keys.json and makes scheduled backups with the passkey's public key:
      // refused while it has the database, before any passkey is asked for.
      assertNotUsedElsewhere(db);
      const { oldPasskey, newPasskey } = await obtainChangePasskeys(io, {
        commandName: 'change-passkey',
        oldFromStdin: flag(input, 'old-passkey-stdin'),
        newFromStdin: flag(input, 'new-passkey-stdin'),
      });
      // Also finishes what an interrupted passkey change left (its journals).
      await sweepBeforeJob(io, {
        databaseFolder: dirname(db),
        backupFolders: [backups],
        tempParent: context.tempParent,
      });
      const report = await runJobFromCli(
        {
          kind: 'change-passkey',
          request: { keysFolder: dirname(db), backupFolders: [backups], oldPasskey, newPasskey },
        },
        context,
        io,
      );
      return { data: { db, backups, ...report }, text: describePasskeyChange(report).join('\n') };
    },
  };
}
