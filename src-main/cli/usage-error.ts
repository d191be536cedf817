/**
 * The command line itself is wrong (exit code 2). Kept apart from NoteVaultError because
 * it is a CLI-only condition: no other part of the app can produce it.
 */
export class UsageError extends Error {
  /** The command whose help the hint should point to, when one was recognised. */
  readonly commandName: string | undefined;

  constructor(message: string, commandName?: string) {
    super(message);
    this.name = 'UsageError';
    this.commandName = commandName;
  }
}
