import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-types';
import { UsageError } from '../usage-error';
import { obtainPasskey, requirePasskey } from './obtain-passkey';
import type { PasskeyRequest } from './obtain-passkey';

function io(options: { env?: Record<string, string>; stdin?: NodeJS.ReadableStream; isTTY?: boolean }): {
  io: CliIo;
  stderr: () => string;
} {
  let err = '';
  return {
    io: {
      stdout: { write: () => undefined },
      stderr: { write: (text: string) => (err += text) },
      stdin: options.stdin ?? Readable.from([]),
      env: options.env ?? {},
      isTTY: options.isTTY ?? false,
    },
    stderr: () => err,
  };
}

const request: PasskeyRequest = { commandName: 'verify', fromStdin: false, mayPrompt: true, confirm: false };

describe('obtainPasskey', () => {
  it('takes NOTEVAULT_PASSKEY exactly as set', async () => {
    const passkey = await obtainPasskey(io({ env: { NOTEVAULT_PASSKEY: ' pass word ' } }).io, request);
    expect(passkey).toBe(' pass word ');
  });

  it('reads the first line of stdin with --passkey-stdin', async () => {
    const stdin = Readable.from([Buffer.from('from a pipe\r\nrest\n')]);
    expect(await obtainPasskey(io({ stdin }).io, { ...request, fromStdin: true })).toBe('from a pipe');
  });

  it('refuses two sources at once instead of picking one', async () => {
    const run = obtainPasskey(io({ env: { NOTEVAULT_PASSKEY: 'a' }, stdin: Readable.from(['b\n']) }).io, {
      ...request,
      fromStdin: true,
    });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/give the passkey one way only/);
  });

  it('refuses an empty passkey from either source', async () => {
    await expect(obtainPasskey(io({ env: { NOTEVAULT_PASSKEY: '' } }).io, request)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/NOTEVAULT_PASSKEY environment variable is empty/) as unknown,
    });
    const stdin = Readable.from(['\n']);
    await expect(obtainPasskey(io({ stdin }).io, { ...request, fromStdin: true })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/standard input .* is empty/) as unknown,
    });
  });

  it('returns undefined without a source when it may not prompt or there is no terminal', async () => {
    expect(await obtainPasskey(io({ isTTY: true }).io, { ...request, mayPrompt: false })).toBeUndefined();
    expect(await obtainPasskey(io({ isTTY: false }).io, request)).toBeUndefined();
  });

  it('prompts on a terminal, twice when confirming, and refuses two different answers', async () => {
    const typed = new PassThrough();
    const terminal = io({ stdin: typed, isTTY: true });
    const same = obtainPasskey(terminal.io, { ...request, confirm: true });
    typed.write('correct horse\r');
    await new Promise((resolve) => setImmediate(resolve));
    typed.write('correct horse\r');
    expect(await same).toBe('correct horse');
    expect(terminal.stderr()).toBe('Passkey: \nPasskey again: \n');

    const differing = obtainPasskey(terminal.io, { ...request, confirm: true });
    typed.write('one\r');
    await new Promise((resolve) => setImmediate(resolve));
    typed.write('two\r');
    await expect(differing).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/two passkeys you typed differ/) as unknown,
    });
  });
});

describe('requirePasskey', () => {
  it('is a usage error when there is no source and no terminal', async () => {
    const run = requirePasskey(io({}).io, request);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/no passkey given: set NOTEVAULT_PASSKEY or use --passkey-stdin/);
  });
});
