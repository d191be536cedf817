import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmHidden, promptHidden } from './prompt-hidden';

/** A stand-in terminal: a stream that records the raw-mode switches the prompt makes. */
function fakeTerminal(): {
  stdin: PassThrough & { setRawMode(raw: boolean): void; isRaw: boolean };
  modes: boolean[];
} {
  const modes: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), {
    isRaw: false,
    setRawMode(raw: boolean) {
      modes.push(raw);
      stdin.isRaw = raw;
    },
  });
  return { stdin, modes };
}

function collector(): { write(text: string): void; text: string } {
  return {
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

describe('promptHidden', () => {
  it('reads keys in raw mode without echoing them, then restores the terminal', async () => {
    const { stdin, modes } = fakeTerminal();
    const stderr = collector();
    const answer = promptHidden(stdin, stderr, 'Passkey: ');
    stdin.write('hunter');
    stdin.write('2\r');
    expect(await answer).toBe('hunter2');
    expect(modes).toEqual([true, false]);
    expect(stderr.text).toBe('Passkey: \n');
    expect(stdin.listenerCount('data')).toBe(0);
  });

  it('applies backspace, ignores control keys and arrow-key sequences', async () => {
    const { stdin } = fakeTerminal();
    const answer = promptHidden(stdin, collector(), 'Passkey: ');
    stdin.write('abx\u007fc');
    stdin.write('\u001b[D');
    stdin.write('\u0001d\bé\n');
    expect(await answer).toBe('abcé');
  });

  it('cancels on Ctrl+C and on Ctrl+D at an empty line, restoring the terminal', async () => {
    for (const key of ['\u0003', '\u0004']) {
      const { stdin, modes } = fakeTerminal();
      const answer = promptHidden(stdin, collector(), 'Passkey: ');
      stdin.write(key);
      await expect(answer).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(modes).toEqual([true, false]);
    }
  });

  it('cancels when the input ends before Enter', async () => {
    const { stdin } = fakeTerminal();
    const answer = promptHidden(stdin, collector(), 'Passkey: ');
    stdin.end('partial');
    await expect(answer).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('confirmHidden', () => {
  it('asks again and accepts the same text; other text is VALIDATION with the sentence given', async () => {
    const { stdin } = fakeTerminal();
    const stderr = collector();
    const same = confirmHidden(stdin, stderr, 'hunter2', 'Passkey again: ', 'They differ.');
    stdin.write('hunter2\r');
    await expect(same).resolves.toBeUndefined();
    const other = confirmHidden(stdin, stderr, 'hunter2', 'Passkey again: ', 'They differ.');
    stdin.write('hunter3\r');
    await expect(other).rejects.toMatchObject({ code: 'VALIDATION', message: 'They differ.' });
    expect(stderr.text).toBe('Passkey again: \nPasskey again: \n');
  });
});
