import { dirname } from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { formatCount } from '../../../src-shared/format';
import {
  RECOVERY_CODE_KEEPING,
  RECOVERY_CODE_OPENS,
  RECOVERY_CODE_REVOKED,
  describeOldCodeStillOpens,
} from '../../../src-shared/recovery-code-text';
import { RecoveryCodeService } from '../../app/recovery-code-service';
import type { OldCodeReport, UncheckedBackup } from '../../app/recovery-code-service';
import { assertNotUsedElsewhere } from '../../db/database-owner';
import type { CliCommand, CliIo, CommandInput, CommandOutcome } from '../cli-types';
import { flag, pathOption, positional } from '../command-input';
import { UsageError } from '../usage-error';
import { assertIsFile } from './backup-file-checks';
import { SCHEDULED_KEYS_CLI_HELP } from './scheduled-keys-help';

const ACTIONS = ['create', 'revoke', 'status'] as const;
type Action = (typeof ACTIONS)[number];

/** More paths than this are counted, not listed: the list is for a person to act on. */
const LISTED_PATHS = 20;

export const recoveryCodeCommand: CliCommand = {
  name: 'recovery-code',
  summary: 'Create, replace or revoke the code that opens backups without the passkey',
  positionals: [{ name: 'action', description: 'create, revoke or status' }],
  options: {
    db: {
      type: 'string',
      valueName: '<path>',
      required: true,
      description: 'the notes database whose backups the code is for',
    },
    backups: {
      type: 'string',
      valueName: '<folder>',
      description:
        'backup folder to search for the backups the old code (create, revoke) or the current one (status) opens',
    },
    replace: { type: 'boolean', description: 'create: replace the recovery code there is' },
    yes: {
      type: 'boolean',
      short: 'y',
      description: 'create: print the new code even when standard output is not a terminal',
    },
  },
  details: [
    'A recovery code opens the backups made from --db after it was created, until it is replaced ' +
      'or revoked, if the passkey is lost: 40 characters in 8 groups, each group ending in a check character, so a mistyped one ' +
      'is caught at once. "create" prints a new code once; NoteVault keeps only its public key ' +
      '(in backup-keys.json beside the database), never the code, so it cannot be shown again. ' +
      'Keep it on paper, away from the computer and the backups: anyone with the code and a ' +
      'backup can read it. "status" says whether a code exists and since when, and with --backups ' +
      'which backups in that folder it opens.',
    'When a code exists, "create" needs --replace. Replacing or revoking a code cannot take it ' +
      'out of backups already made: they still open with the old code. With --backups, both list ' +
      'the backups in that folder that do (only headers are read; no key is needed); delete them ' +
      'if the old code may have been seen. Copies kept elsewhere cannot be listed.',
    'The code is printed on standard output. When that is not a terminal (a file, a pipe, a ' +
      'log), "create" refuses before changing anything, so the code does not end up where you ' +
      'did not mean it to: give --yes, or --json for a program that reads the code, when that is ' +
      'what you want. "create" and "revoke" are refused while the NoteVault app has the database ' +
      'open: quit it first, or use Settings, Backups in the app.',
    SCHEDULED_KEYS_CLI_HELP,
  ],
  async run(input, io) {
    const action = actionOf(input);
    const db = pathOption(input, 'db');
    const folders = typeof input.options.backups === 'string' ? [pathOption(input, 'backups')] : [];
    if (action === 'create') assertMayPrintCode(input, io);
    await assertIsFile(db, 'notes database', '--db');
    const service = new RecoveryCodeService({ keysFolder: dirname(db), backupFolders: () => folders });
    if (action === 'status') return status(service, db, folders);
    assertAppNotUsing(db);
    return action === 'create' ? create(service, input, folders) : revoke(service, folders);
  },
};

function actionOf(input: CommandInput): Action {
  const action = positional(input, 'action');
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`<action> must be one of ${ACTIONS.join(', ')}; got '${action}'`, 'recovery-code');
  }
  return action as Action;
}

/** Checked first, so a refused run changes nothing. */
function assertMayPrintCode(input: CommandInput, io: CliIo): void {
  if (io.stdoutIsTTY === true || input.json || flag(input, 'yes')) return;
  throw new UsageError(
    'the new recovery code would go to a file or pipe, not a terminal; nothing was changed. Run it at a ' +
      'terminal, or give --yes (or --json) if the code should go there',
    'recovery-code',
  );
}

/** backup-keys.json is the app's too: two programs writing it at once could lose one's change. */
function assertAppNotUsing(db: string): void {
  try {
    assertNotUsedElsewhere(db);
  } catch (error) {
    if (!(error instanceof NoteVaultError) || error.code !== 'FILE_LOCKED') throw error;
    throw new NoteVaultError(
      'FILE_LOCKED',
      `NoteVault is using this database (${db}): quit it first, or manage the recovery code in the app's Settings, Backups.`,
      { cause: error, details: error.message },
    );
  }
}

async function status(
  service: RecoveryCodeService,
  db: string,
  folders: readonly string[],
): Promise<CommandOutcome> {
  const { exists, createdAt } = await service.status();
  if (!exists) {
    return {
      data: { db, exists, createdAt },
      text:
        `There is no recovery code: backups made from ${db} open only with the passkey. ` +
        "Create one with 'notevault recovery-code create'.",
    };
  }
  const lines = [
    `A recovery code exists since ${createdAt}: backups made from ${db} since then open with it as well as with the passkey.`,
  ];
  if (folders.length === 0) return { data: { db, exists, createdAt }, text: lines.join('\n') };
  const { carrying, unchecked } = await service.currentCodeOpens();
  lines.push(`It opens ${formatCount(carrying.length, 'backup')} in the backup folder:`);
  lines.push(...listed(carrying.map((path) => `  ${path}`)), ...uncheckedLines(unchecked));
  return { data: { db, exists, createdAt, opens: carrying, unchecked }, text: lines.join('\n') };
}

async function create(
  service: RecoveryCodeService,
  input: CommandInput,
  folders: readonly string[],
): Promise<CommandOutcome> {
  const current = await service.status();
  if (current.exists && !flag(input, 'replace')) {
    throw new UsageError(
      `a recovery code exists since ${current.createdAt}; give --replace to make a new one in its place ` +
        '(backups made so far keep opening with the old one)',
      'recovery-code',
    );
  }
  const created = await service.create();
  const lines = [
    'Your recovery code:',
    '',
    `    ${created.code}`,
    '',
    `${RECOVERY_CODE_OPENS} ${RECOVERY_CODE_KEEPING}`,
  ];
  if (created.previousCreatedAt !== null) lines.push('', ...oldCodeLines(created, folders));
  const { code, createdAt, previousCreatedAt, stillCarryingOld, unchecked } = created;
  return {
    data: {
      code,
      createdAt,
      replaced: previousCreatedAt !== null,
      previousCreatedAt,
      stillCarryingOld,
      unchecked,
    },
    text: lines.join('\n'),
  };
}

async function revoke(service: RecoveryCodeService, folders: readonly string[]): Promise<CommandOutcome> {
  const revoked = await service.revoke();
  const text = revoked.revoked
    ? [RECOVERY_CODE_REVOKED, ...oldCodeLines(revoked, folders)].join('\n')
    : 'There is no recovery code to revoke; nothing was changed.';
  return { data: { ...revoked }, text };
}

function oldCodeLines(report: OldCodeReport, folders: readonly string[]): string[] {
  if (folders.length === 0) {
    return [
      'Backups made so far still open with the old code; give --backups <folder> to list those in a folder.',
    ];
  }
  const { stillCarryingOld, unchecked } = report;
  const lines = [describeOldCodeStillOpens(stillCarryingOld.length)];
  lines.push(...listed(stillCarryingOld.map((path) => `  ${path}`)));
  return [...lines, ...uncheckedLines(unchecked)];
}

function uncheckedLines(unchecked: readonly UncheckedBackup[]): string[] {
  if (unchecked.length === 0) return [];
  return ['These could not be checked:', ...listed(unchecked.map(({ message }) => `  ${message}`))];
}

function listed(lines: readonly string[]): string[] {
  if (lines.length <= LISTED_PATHS) return [...lines];
  return [
    ...lines.slice(0, LISTED_PATHS),
    `  ... and ${lines.length - LISTED_PATHS} more (--json lists all)`,
  ];
}
