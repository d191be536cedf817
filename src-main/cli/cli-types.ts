/** Where the CLI writes. `process.stdout` fits, and so does a test's string collector. */
export interface CliWriter {
  write(text: string): unknown;
}

/** Everything the CLI touches of its process, so `runCli` runs in tests without spawning. */
export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  /** For commands that read a passkey or data from a pipe. */
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdin is a terminal a person types into (prompts) rather than a pipe. */
  isTTY: boolean;
  /** Whether stderr is a terminal: only then is progress drawn there, as one updating line. */
  stderrIsTTY?: boolean;
  /**
   * Whether stdout is a terminal. A command that prints a secret once (a new recovery code)
   * refuses when it is not (unless told to go on), so the secret does not land in a file or log unnoticed.
   */
  stdoutIsTTY?: boolean;
  /**
   * Subscribes to Ctrl+C while a backup job runs, so the job can wipe its plaintext
   * before the process ends; returns the unsubscribe. Outside a subscription Ctrl+C keeps
   * its default effect (the synchronous commands could not react to a handler anyway).
   */
  onInterrupt?: (listener: () => void) => () => void;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in help for string options, e.g. `<path>`. */
  valueName?: string;
  required?: boolean;
  description: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
}

/** The parsed command line of one command: every positional present, options by name. */
export interface CommandInput {
  positionals: Readonly<Record<string, string>>;
  options: Readonly<Record<string, string | boolean | undefined>>;
  /** `--json` was given: the command's result is printed as one JSON object. */
  json: boolean;
}

export interface CommandOutcome {
  /** Fields of the `--json` object besides `ok` and `command`. */
  data: Record<string, unknown>;
  /** The report for a person, printed instead when `--json` is absent. */
  text: string;
}

/**
 * One entry of the command table. The dispatcher parses and validates the command line
 * from `positionals` and `options`, and prints help from them, so a new command is just a
 * new entry. Failures are thrown as NoteVaultError; their code decides the exit code.
 */
export interface CliCommand {
  name: string;
  /** One line for the program's command list. */
  summary: string;
  /** Required positionals, in order. */
  positionals: readonly PositionalSpec[];
  /** Options besides the global `--json` and `--help`. */
  options: Readonly<Record<string, OptionSpec>>;
  /**
   * Options refused with a usage error that explains why, instead of "unknown option";
   * e.g. `passkey`, because an argument is visible to every user in the process list.
   */
  refusedOptions?: Readonly<Record<string, string>>;
  /** Paragraphs for `notevault <command> --help`: the rules a user should know. */
  details: readonly string[];
  run(input: CommandInput, io: CliIo): Promise<CommandOutcome>;
}
