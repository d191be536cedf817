/**
 * Runs the real derive-key-worker.ts in a real worker thread. Node 20 cannot execute
 * TypeScript, so the worker is started through derive-key-worker.test-shim.mjs, which
 * compiles the .ts sources with the project's TypeScript (transpile only) as they are
 * required. In the app, the caller passes the bundled worker file instead.
 */
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptFile } from './decrypt-stream';
import { deriveKeyInWorker } from './derive-key-in-worker';
import { encryptFileToFile } from './encrypt-stream';
import { inspectHeaderV1 } from './header';
import { defaultKdfParams, deriveKey } from './kdf';
import {
  SAMPLE_METADATA,
  cheapKdfParams,
  expectFailure,
  makeTempDir,
  patternBytes,
  removeTempDir,
} from '../../../test/main/backup/format/test-support';

const WORKER = join(__dirname, '../../../test/main/backup/format/derive-key-worker.test-shim.mjs');

describe('deriveKeyInWorker', () => {
  it('returns exactly the key deriveKey computes in this thread', async () => {
    const params = cheapKdfParams();
    const fromWorker = await deriveKeyInWorker('pässkey', params, WORKER);
    const here = await deriveKey('pässkey', params);
    expect(fromWorker).toHaveLength(32);
    expect(Buffer.from(fromWorker).equals(Buffer.from(here))).toBe(true);
  });

  it('carries the worker-side error code back to the caller', async () => {
    await expectFailure(deriveKeyInWorker('', cheapKdfParams(), WORKER), 'VALIDATION', /passkey is empty/);
  });

  it('refuses out-of-bounds parameters without starting a worker', async () => {
    await expectFailure(
      deriveKeyInWorker(
        'x',
        { ...cheapKdfParams(), memlimit: 8 * 1024 ** 3 },
        join(__dirname, 'no-such-worker.mjs'),
      ),
      'BACKUP_UNSUPPORTED',
    );
  });

  it('reports a worker file that cannot run', async () => {
    await expectFailure(
      deriveKeyInWorker('x', cheapKdfParams(), join(__dirname, 'no-such-worker.mjs')),
      'INTERNAL',
      /no-such-worker/,
    );
  });

  it('terminates the worker and says CANCELLED when aborted', async () => {
    const controller = new AbortController();
    // Slow enough (about a second) that the abort lands mid-derivation.
    const run = deriveKeyInWorker(
      'x',
      { ...cheapKdfParams(), opslimit: 4, memlimit: 128 * 1024 * 1024 },
      WORKER,
      {
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 50);
    await expectFailure(run, 'CANCELLED', /cancelled/);
    const already = new AbortController();
    already.abort();
    await expectFailure(
      deriveKeyInWorker('x', cheapKdfParams(), WORKER, { signal: already.signal }),
      'CANCELLED',
    );
  });
});

describe('a backup at the default MODERATE work factors', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('derives its key in a worker (256 MiB of Argon2id memory stays off this thread) and round-trips', async () => {
    // One derivation only: at MODERATE cost each one takes seconds on this machine.
    const kdf = defaultKdfParams();
    const source = join(dir, 'notes.plain');
    const plaintext = patternBytes(200_000);
    await writeFile(source, plaintext);
    const key = await deriveKeyInWorker('a moderate passkey', kdf, WORKER);
    const target = join(dir, 'notes.nvbak');
    await encryptFileToFile(source, target, { formatVersion: 1, key, kdf }, SAMPLE_METADATA);

    const header = await inspectHeaderV1(target);
    expect(header.kdf).toEqual(kdf);
    expect(header.kdf).toMatchObject({ opslimit: 3, memlimit: 256 * 1024 * 1024 });
    expect((await decryptFile(target, key)).plaintextSize).toBe(plaintext.length);
  });
});
