import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';
import { version } from '../../package.json';
import { explainBackupError } from '../app/explain-backup-error';
import type { BackupOperation } from '../app/explain-backup-error';
import type { CliCommand, CliIo } from './cli-types';
import { COMMANDS, findCommand } from './commands';
import { EXIT_CODES, exitCodeForError } from './exit-codes';
import { commandHelp, programHelp } from './help';
import { parseCommandArgs } from './parse-command-args';
import { UsageError } from './usage-error';

export type { CliIo } from './cli-types';

/**
 * Runs one `notevault` command line (without the `node cli.js` part) and returns the
 * process exit code. Never throws: every failure becomes a line on stderr, plus a JSON
 * object on stdout with --json, and an exit code from exit-codes.ts.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const json = beforeTerminator(argv).includes('--json');
  let commandName: string | undefined;
  try {
    const [first, ...rest] = argv;
    if (first === undefined) throw new UsageError('no command given');
    if (first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(helpFor(first === 'help' ? rest[0] : undefined, commands));
      return EXIT_CODES.success;
    }
    if (first === '--version') {
      io.stdout.write(json ? `${JSON.stringify({ ok: true, version })}\n` : `notevault ${version}\n`);
      return EXIT_CODES.success;
    }
    if (first.startsWith('-')) throw new UsageError(`'${first}' must come after a command`);

    const command = findCommand(commands, first);
    if (command === undefined) throw new UsageError(`unknown command '${first}'`);
    commandName = command.name;
    if (beforeTerminator(rest).some((arg) => arg === '--help' || arg === '-h')) {
      io.stdout.write(commandHelp(command));
      return EXIT_CODES.success;
    }

    const outcome = await command.run(parseCommandArgs(command, rest), io);
    io.stdout.write(
      json
        ? `${JSON.stringify({ ok: true, command: command.name, ...outcome.data })}\n`
        : `${outcome.text}\n`,
    );
    return EXIT_CODES.success;
  } catch (error) {
    return reportFailure(error, io, json, commandName);
  }
}

function helpFor(commandName: string | undefined, commands: readonly CliCommand[]): string {
  if (commandName === undefined) return programHelp(commands);
  const command = findCommand(commands, commandName);
  if (command === undefined) throw new UsageError(`unknown command '${commandName}'`);
  return commandHelp(command);
}

/** Arguments after `--` are values, never options. */
function beforeTerminator(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
}

// The commands that run a backup job, named as the error catalogue names their operation.
const OPERATION_OF_COMMAND: Readonly<Record<string, BackupOperation>> = {
  backup: 'backup',
  restore: 'restore',
  verify: 'verify',
  inspect: 'inspect',
};

/**
 * A backup file that cannot be opened is told in the window's words (one catalogue), with the
 * pipeline's text (file, byte offset) as details. Other failures keep their own message: the
 * CLI's checks name the exact path or option to fix (--db, "quit the app first"), which a
 * catalogue sentence would lose.
 */
function explainForCommand(failure: NoteVaultError, commandName: string | undefined): NoteVaultError {
  const operation = commandName === undefined ? undefined : OPERATION_OF_COMMAND[commandName];
  if (operation === undefined) return failure;
  const explained = explainBackupError(operation, failure);
  return ABOUT_THE_BACKUP_FILE.has(explained.code) ? explained : failure;
}

const ABOUT_THE_BACKUP_FILE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'WRONG_PASSKEY',
  'WRONG_RECOVERY_CODE',
  'KEY_MISMATCH',
  'BACKUP_DAMAGED',
  'NOT_A_BACKUP',
  'BACKUP_UNSUPPORTED',
]);

function reportFailure(error: unknown, io: CliIo, json: boolean, commandName: string | undefined): number {
  let code: string;
  let message: string;
  let details: string | undefined;
  let exitCode: number;
  if (error instanceof UsageError) {
    const helpCommand =
      error.commandName === undefined ? 'notevault --help' : `notevault ${error.commandName} --help`;
    code = 'USAGE';
    message = `${error.message} (run '${helpCommand}' for usage)`;
    exitCode = EXIT_CODES.usage;
  } else {
    const failure = explainForCommand(asNoteVaultError(error), commandName);
    code = failure.code;
    message = failure.message;
    details = failure.details;
    exitCode = exitCodeForError(failure.code);
  }
  // One line, so scripts can grep stderr and people see the whole message at once.
  io.stderr.write(`notevault: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  if (io.env.NOTEVAULT_DEBUG !== undefined) {
    if (details !== undefined) io.stderr.write(`${details}\n`);
    if (error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  }
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ ok: false, command: commandName ?? null, error: { code, message, details } })}\n`,
    );
  }
  return exitCode;
}

function asNoteVaultError(error: unknown): NoteVaultError {
  if (error instanceof NoteVaultError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new NoteVaultError(
    'INTERNAL',
    `Unexpected error: ${detail}. This is a bug in NoteVault; please report it (set NOTEVAULT_DEBUG=1 for details).`,
    { cause: error },
  );
}
