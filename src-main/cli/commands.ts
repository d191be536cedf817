import { version } from '../../package.json';
import type { CliCommand } from './cli-types';
import { backupCommand } from './commands/backup-command';
import { changePasskeyCommand } from './commands/change-passkey-command';
import type { BackupCommandContext } from './commands/backup-job-context';
import { bundledWorkerPath } from './commands/backup-job-context';
import { exportCommand } from './commands/export-notes';
import { importCommand } from './commands/import-notes';
import { inspectCommand } from './commands/inspect-command';
import { recoveryCodeCommand } from './commands/recovery-code-command';
import { restoreCommand } from './commands/restore-command';
import { verifyCommand } from './commands/verify-command';
import { cliTempRoot } from '../fsx/private-temp-root';

/** The backup commands, bound to a worker file and temp folder (tests pass their own). */
export function backupCommands(context: BackupCommandContext): CliCommand[] {
  return [
    backupCommand(context),
    restoreCommand(context),
    verifyCommand(context),
    inspectCommand(context),
    changePasskeyCommand(context),
  ];
}

/**
 * Every `notevault` command. The dispatcher, the argument parser and the help text all
 * work from this table, so a new command is one module and one line here.
 */
export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  exportCommand,
  // Snapshots go to a per-user 0700 folder, never straight into the shared temp folder (issue #13).
  ...backupCommands({ workerPath: bundledWorkerPath(), appVersion: version, tempParent: cliTempRoot() }),
  recoveryCodeCommand,
];

export function findCommand(commands: readonly CliCommand[], name: string): CliCommand | undefined {
  return commands.find((command) => command.name === name);
}
