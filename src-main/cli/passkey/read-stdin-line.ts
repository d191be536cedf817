import { StringDecoder } from 'node:string_decoder';
import { NoteVaultError } from '../../../src-shared/errors';

/** Far above any passkey a person types; stops a mistaken `< big-file` from being read whole. */
export const MAX_LINE_BYTES = 4096;

/**
 * Reads the first line of `stdin` and returns it without its line ending ("\n", or the
 * "\r\n" Windows pipes produce). Nothing else is trimmed: spaces at either end may be part
 * of a passkey. Input that ends without a newline counts as one line.
 */
export function readStdinLine(stdin: NodeJS.ReadableStream, maxBytes = MAX_LINE_BYTES): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    let bytes = 0;
    const finish = (outcome: () => void): void => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.removeListener('error', onError);
      // Stop reading, so a pipe with more data neither keeps the process alive nor is
      // consumed by us; the rest stays unread.
      stdin.pause();
      outcome();
    };
    const onData = (chunk: string | Buffer): void => {
      const piece = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      text += piece;
      const newline = text.indexOf('\n');
      if (newline !== -1) {
        finish(() => resolve(withoutLineEnding(text.slice(0, newline))));
      } else if (bytes > maxBytes) {
        finish(() =>
          reject(
            new NoteVaultError(
              'VALIDATION',
              `The first line of standard input is longer than ${maxBytes} bytes, so it is not a passkey. ` +
                'Pipe just the passkey, followed by a newline, into --passkey-stdin.',
            ),
          ),
        );
      }
    };
    const onEnd = (): void => finish(() => resolve(withoutLineEnding(text + decoder.end())));
    const onError = (error: Error): void =>
      finish(() =>
        reject(new NoteVaultError('IO', `Could not read the passkey from standard input: ${error.message}`)),
      );
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    stdin.resume();
  });
}

function withoutLineEnding(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
