import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readStdinLine } from './read-stdin-line';

describe('readStdinLine', () => {
  it.each([
    ['secret\n', 'secret'],
    ['secret\r\n', 'secret'],
    ['  spaced out  \n', '  spaced out  '],
    ['no newline at all', 'no newline at all'],
    ['first\nsecond\n', 'first'],
    ['\n', ''],
    ['', ''],
    ['tab\tinside\n', 'tab\tinside'],
  ])('%j -> %j', async (input, expected) => {
    expect(await readStdinLine(Readable.from([Buffer.from(input)]))).toBe(expected);
  });

  it('joins a line split across chunks, even inside a multi-byte character', async () => {
    const bytes = Buffer.from('pässkey ✓\n');
    const chunks = [bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)];
    expect(await readStdinLine(Readable.from(chunks))).toBe('pässkey ✓');
  });

  it('stops reading at the newline and leaves the stream paused', async () => {
    const stdin = new PassThrough();
    const line = readStdinLine(stdin);
    stdin.write('one\ntwo\n');
    expect(await line).toBe('one');
    expect(stdin.isPaused()).toBe(true);
    expect(stdin.listenerCount('data')).toBe(0);
  });

  it('refuses a first line longer than the limit', async () => {
    const input = Readable.from([Buffer.alloc(5000, 0x61)]);
    await expect(readStdinLine(input)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/longer than 4096 bytes/) as unknown,
    });
  });

  it('reports a read error as IO', async () => {
    const stdin = new PassThrough();
    const line = readStdinLine(stdin);
    stdin.destroy(new Error('EIO: broken pipe'));
    await expect(line).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(/EIO/) as unknown,
    });
  });
});
