import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cheapKey, useWorkspace } from '../../test/main/backup/backup-test-support';
import { encryptBytesToFile } from './encrypt-bytes';
import { encryptFileToFile } from './format/encrypt-stream';
import {
  SAMPLE_METADATA,
  decryptToBytes,
  expectFailure,
  frameOffsets,
  patternBytes,
} from '../../test/main/backup/format/test-support';

const ws = useWorkspace();

describe('encryptBytesToFile', () => {
  for (const size of [0, 1, 4096, 10_000, 3 * 1024 * 1024 + 7]) {
    it(`writes the same v1 structure as the file writer for ${size} bytes`, async () => {
      const { key, kdf } = await cheapKey();
      const payload = patternBytes(size, size + 1);
      const fromBytes = join(ws.root, 'bytes.nvbak');
      const fromFile = join(ws.root, 'file.nvbak');
      const source = join(ws.root, 'payload');
      writeFileSync(fromBytes, '');
      writeFileSync(source, payload);
      const progress: number[] = [];
      const a = await encryptBytesToFile(
        payload,
        fromBytes,
        { formatVersion: 1, key, kdf },
        SAMPLE_METADATA,
        {
          chunkSize: 4096,
          onProgress: (done) => progress.push(done),
        },
      );
      const b = await encryptFileToFile(source, fromFile, { formatVersion: 1, key, kdf }, SAMPLE_METADATA, {
        chunkSize: 4096,
      });
      expect(a).toEqual(b);
      expect(Buffer.from(await decryptToBytes(fromBytes, key)).equals(Buffer.from(payload))).toBe(true);
      expect(await frameOffsets(fromBytes)).toEqual(await frameOffsets(fromFile));
      expect(progress.at(-1)).toBe(size);
    });
  }

  it('refuses bad settings before writing anything', async () => {
    const { key, kdf } = await cheapKey();
    const path = join(ws.root, 'x.nvbak');
    writeFileSync(path, '');
    await expectFailure(
      encryptBytesToFile(new Uint8Array(1), path, { formatVersion: 1, key, kdf }, SAMPLE_METADATA, {
        chunkSize: 0,
      }),
      'VALIDATION',
    );
    await expectFailure(
      encryptBytesToFile(
        new Uint8Array(1),
        path,
        { formatVersion: 1, key: key.subarray(1), kdf },
        SAMPLE_METADATA,
      ),
      'VALIDATION',
    );
  });

  it('stops between chunks when cancelled', async () => {
    const { key, kdf } = await cheapKey();
    const path = join(ws.root, 'x.nvbak');
    writeFileSync(path, '');
    const abort = new AbortController();
    abort.abort();
    await expectFailure(
      encryptBytesToFile(new Uint8Array(10), path, { formatVersion: 1, key, kdf }, SAMPLE_METADATA, {
        signal: abort.signal,
      }),
      'CANCELLED',
    );
  });
});
