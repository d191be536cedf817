import { StringDecoder } from 'node:string_decoder';
import { NoteVaultError } from '../../../src-shared/errors';
import type { CliWriter } from '../cli-types';

/** The parts of a terminal input stream (tty.ReadStream) the prompt uses. */
type TerminalInput = NodeJS.ReadableStream & { setRawMode?: (raw: boolean) => unknown; isRaw?: boolean };

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const ESCAPE = '\u001b';
const BACKSPACES = new Set(['\u007f', '\b']);

/**
 * Asks for a secret on a terminal without echoing it: raw mode, so the terminal shows
 * nothing and we see each key as it is typed. Backspace edits, Enter finishes, Ctrl+C
 * (which raw mode delivers as a character, not a signal) and Ctrl+D on an empty line
 * cancel. The terminal's previous mode is restored on every way out.
 */
export function promptHidden(
  stdin: NodeJS.ReadableStream,
  stderr: CliWriter,
  question: string,
): Promise<string> {
  const terminal = stdin as TerminalInput;
  const wasRaw = terminal.isRaw === true;
  terminal.setRawMode?.(true);
  stderr.write(question);
  return new Promise<string>((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let typed: string[] = [];
    const finish = (outcome: () => void): void => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      terminal.setRawMode?.(wasRaw);
      stdin.pause();
      // Raw mode swallowed the Enter, so move to a fresh line ourselves.
      stderr.write('\n');
      outcome();
    };
    const cancel = (): void =>
      finish(() =>
        reject(new NoteVaultError('CANCELLED', 'Cancelled at the passkey prompt; nothing was done.')),
      );
    const onData = (chunk: string | Buffer): void => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (const char of text) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed.join('')));
        if (char === CTRL_C) return cancel();
        if (char === CTRL_D) {
          if (typed.length === 0) return cancel();
          return finish(() => resolve(typed.join('')));
        }
        // Arrow and function keys arrive as one escape sequence per read: drop the rest
        // of it instead of taking "[A" into the passkey.
        if (char === ESCAPE) break;
        if (BACKSPACES.has(char)) typed = typed.slice(0, -1);
        else if (char >= ' ') typed.push(char);
      }
    };
    const onEnd = (): void => cancel();
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.resume();
  });
}

/**
 * Asks for a new secret again and requires the same text (VALIDATION with `differ`, the sentence
 * saying what was not done): a typo in a passkey that new backups get is fatal.
 */
export async function confirmHidden(
  stdin: NodeJS.ReadableStream,
  stderr: CliWriter,
  first: string,
  question: string,
  differ: string,
): Promise<void> {
  if ((await promptHidden(stdin, stderr, question)) !== first) throw new NoteVaultError('VALIDATION', differ);
}
