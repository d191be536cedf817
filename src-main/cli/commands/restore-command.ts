import { mkdir, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { assertNotUsedElsewhere, claimDatabase } from '../../db/database-owner';
import type { DatabaseClaim } from '../../db/database-owner';
import { findLiveDatabase, openLiveReadOnly } from '../../backup/live-database';
import type { RestoreBackupResult } from '../../backup/restore-backup';
import { toNoteVaultError } from '../../fsx/fs-errors';
import { PRIVATE_DIR_MODE } from '../../fsx/private-modes';
import type { CliCommand, CliIo } from '../cli-types';
import { flag, pathOption } from '../command-input';
import { PASSKEY_ARGUMENT_REFUSAL, PASSKEY_SOURCES_HELP } from '../passkey/obtain-passkey';
import { obtainOpeningSecret, requiredSecret } from '../passkey/obtain-opening-secret';
import {
  RECOVERY_CODE_ARGUMENT_REFUSAL,
  RECOVERY_CODE_HELP,
  RECOVERY_CODE_STDIN,
  RECOVERY_CODE_STDIN_OPTION,
} from '../passkey/obtain-recovery-code';
import { forgetKeySource } from '../../backup/passkey-or-key';
import type { KeySource } from '../../backup/passkey-or-key';
import { readBackupKeys } from '../../backup/keys/backup-keys-file';
import type { BackupKeys } from '../../backup/keys/backup-keys-file';
import {
  SAFETY_PASSKEY_HELP,
  SAFETY_PASSKEY_OPTIONS,
  obtainSafetyPasskey,
} from '../passkey/obtain-safety-passkey';
import { assertLooksLikeBackup } from './backup-file-checks';
import { describeAlsoInside } from '../../../src-shared/backup-contents-text';
import { describeKeptInHistory } from '../../../src-shared/kept-in-history-text';
import { formatCount } from '../../../src-shared/format';
import { describeOrigin } from './backup-report';
import { OPENING_COST_HELP, YES_OPTION } from './opening-cost-check';
import type { BackupCommandContext } from './backup-job-context';
import { runJobFromCli, sweepBeforeJob } from './backup-job-context';

export function restoreCommand(context: BackupCommandContext): CliCommand {
  return {
    name: 'restore',
    summary: 'Replace a notes database with the contents of a backup',
    positionals: [],
    options: {
      db: {
        type: 'string',
        valueName: '<path>',
        required: true,
        description: 'notes database to replace; created (with its folder) if there is none yet',
      },
      from: { type: 'string', valueName: '<file>', required: true, description: 'backup file to restore' },
      'safety-dir': {
        type: 'string',
        valueName: '<folder>',
        description: 'where the backup of the current database goes; default: the folder of --from',
      },
      'passkey-stdin': {
        type: 'boolean',
        description: 'read the passkey from the first line of standard input',
      },
      [RECOVERY_CODE_STDIN]: RECOVERY_CODE_STDIN_OPTION,
      ...SAFETY_PASSKEY_OPTIONS,
      yes: YES_OPTION,
    },
    refusedOptions: { passkey: PASSKEY_ARGUMENT_REFUSAL, 'recovery-code': RECOVERY_CODE_ARGUMENT_REFUSAL },
    details: [
      'The whole backup is decrypted and checked before anything is replaced. If a database ' +
        'already exists at --db, it is first saved as a "before-restore" backup (encrypted with your ' +
        'own passkey, see below) in the --safety-dir folder, so a restore can itself be undone. On a new ' +
        'computer, where --db does not exist yet, the database and its folder are created.',
      'A restore is refused while the NoteVault app has the database open: quit the app first, or restore ' +
        'from the app. Any other program writing to the database meanwhile waits until the restore is done.',
      PASSKEY_SOURCES_HELP,
      RECOVERY_CODE_HELP,
      SAFETY_PASSKEY_HELP,
      OPENING_COST_HELP,
    ],
    async run(input, io) {
      const db = pathOption(input, 'db');
      const from = pathOption(input, 'from');
      const safetyDir =
        typeof input.options['safety-dir'] === 'string' ? pathOption(input, 'safety-dir') : dirname(from);
      const header = await assertLooksLikeBackup(from, '--from');
      // Refused before any question or passkey when the app has this database open.
      assertNotUsedElsewhere(db);
      const secret = requiredSecret(
        await obtainOpeningSecret(io, header, {
          commandName: 'restore',
          passkeyFromStdin: flag(input, 'passkey-stdin'),
          recoveryCodeFromStdin: flag(input, RECOVERY_CODE_STDIN),
          mayPrompt: true,
          yes: flag(input, 'yes'),
          required: true,
        }),
      );
      // The public keys the app keeps beside the database: they protect the copy of the current
      // notes without any passkey (backup-keys.json, written by the first backup with a passkey).
      const keptKeys = await readBackupKeys(dirname(db));
      // Asked only when there are notes to protect and no passkey is kept; the restore checks again under its lock.
      const safetyPasskey =
        keptKeys.passkey === null && (await holdsNotes(db))
          ? await obtainSafetyPasskey(
              io,
              {
                commandName: 'restore',
                samePasskey: flag(input, 'safety-same-passkey'),
                fromStdin: flag(input, 'safety-passkey-stdin'),
                backupPasskeyFromStdin: flag(input, 'passkey-stdin'),
              },
              secret.passkey,
            )
          : null;
      const createdFolder = await createFolder(dirname(db));
      let result;
      let claim: DatabaseClaim | undefined;
      try {
        // So an app started meanwhile can say who is restoring (database-owner.ts).
        claim = claimDatabase(db, 'cli');
        result = await runRestoreJob(context, io, {
          db,
          from,
          safetyDir,
          keySource: secret.keySource,
          safetyPasskey,
          keptKeys,
        });
      } catch (error) {
        forgetKeySource(secret.keySource);
        claim?.release();
        if (createdFolder !== undefined) await removeEmptyFolders(dirname(db), createdFolder);
        throw error;
      }
      forgetKeySource(secret.keySource);
      claim.release();
      return restoreReport(db, from, result);
    },
  };
}

async function runRestoreJob(
  context: BackupCommandContext,
  io: CliIo,
  {
    db,
    from,
    safetyDir,
    keySource,
    safetyPasskey,
    keptKeys,
  }: {
    db: string;
    from: string;
    safetyDir: string;
    keySource: KeySource;
    safetyPasskey: string | null;
    keptKeys: BackupKeys;
  },
): Promise<RestoreBackupResult> {
  await sweepBeforeJob(io, {
    databaseFolder: dirname(db),
    backupFolders: [safetyDir],
    tempParent: context.tempParent,
  });
  return runJobFromCli(
    {
      kind: 'restore',
      request: {
        file: from,
        databasePath: db,
        keySource,
        safetyKeySource:
          keptKeys.passkey !== null
            ? { publicKey: keptKeys.passkey.publicKey, kdf: keptKeys.passkey.kdf }
            : safetyPasskey === null
              ? null
              : { passkey: safetyPasskey },
        safetyAlsoOpenWith: { recoveryCode: keptKeys.recoveryCode?.publicKey },
        safetyBackupFolder: safetyDir,
        appVersion: context.appVersion,
        ...(context.tempParent === undefined ? {} : { tempParent: context.tempParent }),
      },
    },
    context,
    io,
  );
}

/** Whether the database at `db` holds any note (in the list or the trash) the restore would replace. */
async function holdsNotes(db: string): Promise<boolean> {
  if ((await findLiveDatabase(db, {})) === null) return false;
  const live = openLiveReadOnly(db);
  try {
    return live.prepare('SELECT EXISTS (SELECT 1 FROM notes)').pluck().get() === 1;
  } finally {
    live.close();
  }
}

/** What the command prints (and --json carries) after a restore. */
function restoreReport(db: string, from: string, result: RestoreBackupResult) {
  const {
    metadata,
    restoredNotes,
    restoredAlso,
    keptInHistory,
    safetyBackup,
    logLeftBytes,
    cheaperKeyThanDefault,
  } = result;
  const also = describeAlsoInside(restoredAlso);
  const keptSentence = describeKeptInHistory(keptInHistory);
  const kept = keptSentence === null ? '' : ` ${keptSentence}`;
  const before =
    safetyBackup === null
      ? 'There were no notes there before.'
      : `The database as it was before is saved in ${safetyBackup}.`;
  const log =
    logLeftBytes === 0
      ? ''
      : ` Another program is still reading the database, so ${db}-wal keeps a copy of the restored notes ` +
        'until it lets go.';
  const cheap = cheaperKeyThanDefault
    ? ` ${from} protects its passkey with less work than NoteVault uses, so keep it out of other hands or back up again.`
    : '';
  return {
    data: {
      db,
      from,
      restoredNotes,
      restoredAlso,
      keptInHistory,
      safetyBackup,
      logLeftBytes,
      cheaperKeyThanDefault,
      metadata: { ...metadata },
    },
    text: `Restored ${formatCount(restoredNotes, 'note')} into ${db} from ${from}, ${describeOrigin(metadata)}. ${also === null ? '' : `Also restored: ${also}. `}${before}${kept}${log}${cheap}`,
  };
}

/** Returns the top-most folder it created, if any, so a failed restore can remove it again. */
async function createFolder(folder: string): Promise<string | undefined> {
  try {
    return await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    throw toNoteVaultError(error, 'create the folder', folder);
  }
}

/** rmdir, not a recursive delete: a folder holding anything else is never removed. */
async function removeEmptyFolders(deepest: string, topCreated: string): Promise<void> {
  for (let current = deepest; ; current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    if (current === topCreated || dirname(current) === current) return;
  }
}
