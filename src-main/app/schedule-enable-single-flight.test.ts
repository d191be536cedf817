import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { deriveKey } from '../backup/format/kdf';
import type { KdfParams } from '../backup/format/kdf';
import { FileSealedKeyStore } from '../keystore/file-sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { TestClock } from '../../test/main/schedule/test-clock';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { createAppServices } from './app-services';
import type { AppServices } from './app-services';

// Turning the schedule on derives a key with Argon2id (256 MiB) outside the job gate: a
// renderer calling it in a loop must not run one derivation per call.
let worker: BuiltWorker;
let root = '';
let services: AppServices;
let derivations = 0;
const PASSKEY = 'vN7#qLp2!zR8 wXe tundra';

beforeAll(async () => {
  worker = await buildJobWorker();
});
afterAll(() => worker.remove());

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-enable-'));
  await mkdir(join(root, 'backups'));
  await mkdir(join(root, 'tmp'));
  derivations = 0;
  const dialogs = {
    chooseFolder: () => Promise.resolve(join(root, 'backups')),
    chooseBackupFile: () => Promise.resolve(null),
    chooseSaveFile: () => Promise.resolve(null),
    confirm: () => Promise.resolve(false),
    showInFolder: () => undefined,
  };
  services = await createAppServices(join(root, 'userData'), {
    dialogs,
    events: () => undefined,
    workerPath: worker.workerPath,
    appVersion: '0.0.0-test',
    platform: 'linux',
    tempParent: join(root, 'tmp'),
    schedule: {
      clock: new TestClock(Date.UTC(2026, 2, 1, 9, 0, 0)),
      keyStore: new FileSealedKeyStore(join(root, 'userData', 'sealed-backup-key.bin'), new InMemorySealer()),
      // The derive seam, counted: the real Argon2id with the default costs.
      deriveKey: (passkey: string, params: KdfParams) => {
        derivations += 1;
        return deriveKey(passkey, params);
      },
      notify: () => undefined,
    },
  });
  await services.settings.chooseBackupFolder();
});

afterEach(async () => {
  await services.dispose();
  await rm(root, { recursive: true, force: true });
});

it('runs one derivation for 10 concurrent schedule:enable calls and refuses the others with BUSY', async () => {
  const calls = Array.from({ length: 10 }, () => services.schedule.enable('daily', PASSKEY));
  const results = await Promise.allSettled(calls);
  expect(derivations).toBe(1);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(refused).toHaveLength(9);
  for (const { reason } of refused) {
    expect(reason).toMatchObject({
      code: 'BUSY',
      message: expect.stringMatching(/already being turned on/) as unknown,
    });
  }
  expect(services.settings.get().schedule).toBe('daily');

  // Once it is done, the next call derives again (the guard is released).
  await services.schedule.enable('weekly', PASSKEY);
  expect(derivations).toBe(2);
}, 60_000);
