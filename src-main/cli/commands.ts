import type { CliCommand } from './cli-types';
import { exportCommand } from './commands/export-notes';
import { importCommand } from './commands/import-notes';

/**
 * Every `notevault` command. The dispatcher, the argument parser and the help text all
 * work from this table, so a new command is one module and one line here.
 */
export const COMMANDS: readonly CliCommand[] = [importCommand, exportCommand];

export function findCommand(commands: readonly CliCommand[], name: string): CliCommand | undefined {
  return commands.find((command) => command.name === name);
}
