import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-types';
import { UsageError } from '../usage-error';
import { obtainSafetyPasskey } from './obtain-safety-passkey';
import type { SafetyPasskeyRequest } from './obtain-safety-passkey';

const OWN = 'saffron-glacier-tunnel-58';
const BACKUPS = 'the backup file passkey';

function io(options: { env?: Record<string, string>; stdin?: NodeJS.ReadableStream; isTTY?: boolean }) {
  let err = '';
  const cliIo: CliIo = {
    stdout: { write: () => undefined },
    stderr: { write: (text: string) => (err += text) },
    stdin: options.stdin ?? Readable.from([]),
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
  };
  return { io: cliIo, stderr: () => err };
}

const request: SafetyPasskeyRequest = {
  commandName: 'restore',
  samePasskey: false,
  fromStdin: false,
  backupPasskeyFromStdin: false,
};

describe('obtainSafetyPasskey', () => {
  it("uses the backup's passkey only with --safety-same-passkey", async () => {
    expect(await obtainSafetyPasskey(io({}).io, { ...request, samePasskey: true }, BACKUPS)).toBe(BACKUPS);
    await expect(obtainSafetyPasskey(io({}).io, request, BACKUPS)).rejects.toThrow(
      /holds notes.*NOTEVAULT_SAFETY_PASSKEY.*--safety-same-passkey/,
    );
  });

  it('takes NOTEVAULT_SAFETY_PASSKEY or the first line of stdin, held to the new-passkey rule', async () => {
    expect(
      await obtainSafetyPasskey(io({ env: { NOTEVAULT_SAFETY_PASSKEY: OWN } }).io, request, BACKUPS),
    ).toBe(OWN);
    const stdin = Readable.from([Buffer.from(`${OWN}\nrest\n`)]);
    expect(await obtainSafetyPasskey(io({ stdin }).io, { ...request, fromStdin: true }, BACKUPS)).toBe(OWN);
    await expect(
      obtainSafetyPasskey(io({ env: { NOTEVAULT_SAFETY_PASSKEY: 'password1' } }).io, request, BACKUPS),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/too easy to guess/) as unknown,
    });
  });

  it('refuses two sources, and two passkeys on one standard input', async () => {
    const both = { env: { NOTEVAULT_SAFETY_PASSKEY: OWN } };
    await expect(
      obtainSafetyPasskey(io(both).io, { ...request, samePasskey: true }, BACKUPS),
    ).rejects.toThrow(UsageError);
    await expect(
      obtainSafetyPasskey(io({}).io, { ...request, fromStdin: true, backupPasskeyFromStdin: true }, BACKUPS),
    ).rejects.toThrow(/standard input carries one passkey/);
  });

  it('asks twice at a terminal and refuses two different answers', async () => {
    const typed = new PassThrough();
    const terminal = io({ stdin: typed, isTTY: true });
    const asked = obtainSafetyPasskey(terminal.io, request, BACKUPS);
    typed.write(`${OWN}\r`);
    await new Promise((resolve) => setImmediate(resolve));
    typed.write(`${OWN}\r`);
    expect(await asked).toBe(OWN);
    expect(terminal.stderr()).toBe(
      'Your passkey, to protect a copy of your current notes made before the restore: \nYour passkey again: \n',
    );
    const differing = obtainSafetyPasskey(terminal.io, request, BACKUPS);
    typed.write('one\r');
    await new Promise((resolve) => setImmediate(resolve));
    typed.write('two\r');
    await expect(differing).rejects.toThrow(/two passkeys you typed differ/);
  });
});
