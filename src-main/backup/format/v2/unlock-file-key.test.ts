import { describe, expect, it } from 'vitest';
import { decodeAnyHeader } from '../header';
import { deriveKey } from '../kdf';
import type { KdfParams } from '../kdf';
import { expectFailure } from '../../../../test/main/backup/format/test-support';
import {
  STREAM_HEADER,
  makeWayInSecrets,
  withBitFlipped,
} from '../../../../test/main/backup/format/v2-header-support';
import type { WayInSecrets } from '../../../../test/main/backup/format/v2-header-support';
import { decodeHeaderV2, encodeHeaderV2 } from './header-v2';
import type { BackupHeaderV2 } from './header-v2';
import { unlockFileKey } from './unlock-file-key';
import type { WayInSecret } from './unlock-file-key';
import { newFileKey } from './way-in-keys';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function secretsOf(ways: WayInSecrets): WayInSecret[] {
  return [
    { kind: 'passkey', passkey: ways.passkey },
    { kind: 'recovery-code', code: ways.recoveryCode },
    { kind: 'device', secretKey: ways.deviceSecretKey },
  ];
}

/** A derive that counts Argon2id runs and otherwise is the real one. */
function countingDerive(): {
  derive: (passkey: string, kdf: KdfParams) => Promise<Uint8Array>;
  calls: () => number;
} {
  let calls = 0;
  return {
    derive: (passkey, kdf) => {
      calls++;
      return deriveKey(passkey, kdf);
    },
    calls: () => calls,
  };
}

async function threeSlotHeader(
  ways: WayInSecrets,
): Promise<{ fileKey: Uint8Array; bytes: Uint8Array; header: BackupHeaderV2 }> {
  const fileKey = newFileKey();
  const bytes = await encodeHeaderV2(fileKey, STREAM_HEADER, ways.recipients);
  return { fileKey, bytes, header: decodeHeaderV2(bytes, 'u.nvbak') };
}

describe('unlockFileKey', async () => {
  const ways = await makeWayInSecrets();
  const others = await makeWayInSecrets('another passkey entirely');

  it.each(['passkey', 'recovery-code', 'device'] as const)(
    'gives the file key for the right %s',
    async (kind) => {
      const { fileKey, header } = await threeSlotHeader(ways);
      const secret = secretsOf(ways).find((s) => s.kind === kind)!;
      expect(hex(await unlockFileKey(header, secret, 'u.nvbak'))).toBe(hex(fileKey));
    },
  );

  it('leaves the caller its device key and wipes nothing it was given', async () => {
    const { header } = await threeSlotHeader(ways);
    const secretKey = ways.deviceSecretKey.slice();
    await unlockFileKey(header, { kind: 'device', secretKey }, 'u.nvbak');
    expect(hex(secretKey)).toBe(hex(ways.deviceSecretKey));
  });

  it('refuses another secret of the same kind by key id, with the code of its kind, before unwrapping', async () => {
    const { header } = await threeSlotHeader(ways);
    const [passkey, code, device] = secretsOf(others);
    await expectFailure(
      unlockFileKey(header, passkey!, 'u.nvbak'),
      'WRONG_PASSKEY',
      /That passkey does not open this backup/,
    );
    await expectFailure(
      unlockFileKey(header, code!, 'u.nvbak'),
      'WRONG_RECOVERY_CODE',
      /That recovery code does not open/,
    );
    const mismatch = await expectFailure(
      unlockFileKey(header, device!, 'u.nvbak'),
      'KEY_MISMATCH',
      /This device's key/,
    );
    expect(mismatch.details).toMatch(/u\.nvbak: the key id of the device slot at byte offset 270/);
  });

  it('says plainly when the backup has no slot for that way in', async () => {
    const fileKey = newFileKey();
    const passkeyOnly = decodeHeaderV2(
      await encodeHeaderV2(fileKey, STREAM_HEADER, ways.recipients.slice(0, 1)),
      'p',
    );
    const [, code, device] = secretsOf(ways);
    await expectFailure(
      unlockFileKey(passkeyOnly, code!, 'p'),
      'WRONG_RECOVERY_CODE',
      'This backup was made before the recovery code existed: open it with its passkey instead.',
    );
    await expectFailure(
      unlockFileKey(passkeyOnly, device!, 'p'),
      'KEY_MISMATCH',
      "This backup has no slot for this device's key: open it with its passkey or recovery code instead.",
    );
    const noPasskey = decodeHeaderV2(
      await encodeHeaderV2(fileKey, STREAM_HEADER, ways.recipients.slice(1)),
      'p',
    );
    const spy = countingDerive();
    await expectFailure(
      unlockFileKey(noPasskey, { kind: 'passkey', passkey: ways.passkey }, 'p', spy.derive),
      'WRONG_PASSKEY',
      'This backup cannot be opened with a passkey: use its recovery code instead.',
    );
    expect(spy.calls()).toBe(0);
  });

  it('calls a slot whose key id matches but whose wrapped key does not open damaged', async () => {
    const { bytes } = await threeSlotHeader(ways);
    // The last byte of each slot is inside its wrapped file key (the AEAD tag).
    for (const [secret, slotEnd] of secretsOf(ways).map((s, i) => [s, [170, 270, 370][i]!] as const)) {
      const header = decodeHeaderV2(withBitFlipped(bytes, slotEnd - 1, 0), 'u.nvbak');
      await expectFailure(
        unlockFileKey(header, secret, 'u.nvbak'),
        'BACKUP_DAMAGED',
        /wrapped file key does not open/,
      );
    }
  });

  it('calls a header whose slots open but whose MAC differs damaged', async () => {
    const { bytes } = await threeSlotHeader(ways);
    for (const offset of [12, 35, 371, 401]) {
      const header = decodeHeaderV2(withBitFlipped(bytes, offset, 3), 'u.nvbak');
      for (const secret of secretsOf(ways)) {
        await expectFailure(
          unlockFileKey(header, secret, 'u.nvbak'),
          'BACKUP_DAMAGED',
          /header MAC \(byte offset 370\) does not match/,
        );
      }
    }
  });

  it('refuses a passkey slot whose costs are over the caps without starting Argon2id', async () => {
    const { header } = await threeSlotHeader(ways);
    // A header object built around decodeHeaderV2's checks: unlockFileKey checks again.
    for (const kdf of [
      { ...ways.kdf, memlimit: 2 ** 40 },
      { ...ways.kdf, opslimit: 13 },
      { ...ways.kdf, algorithm: 1 },
    ]) {
      const hostile: BackupHeaderV2 = {
        ...header,
        slots: header.slots.map((s) => (s.kind === 'passkey' ? { ...s, kdf } : s)),
      };
      const spy = countingDerive();
      await expectFailure(
        unlockFileKey(hostile, { kind: 'passkey', passkey: ways.passkey }, 'u.nvbak', spy.derive),
        'BACKUP_UNSUPPORTED',
      );
      expect(spy.calls()).toBe(0);
    }
  });

  it('derives once with the slot salt and costs, then refuses a one-bit flip anywhere in the header, for each way in', async () => {
    const { bytes, header } = await threeSlotHeader(ways);
    const spy = countingDerive();
    await unlockFileKey(header, { kind: 'passkey', passkey: ways.passkey }, 'u.nvbak', spy.derive);
    expect(spy.calls()).toBe(1);

    // Flips in the memlimit field ask for up to 512 MiB: a real derivation would give another sk
    // (so the key id differs) after up to a second each. Stand in for those with random bytes,
    // which differ the same way; cheap costs keep the real Argon2id, run once per salt and costs.
    const derived = new Map<string, Promise<Uint8Array>>();
    const cheapDerive = (passkey: string, kdf: KdfParams): Promise<Uint8Array> => {
      if (kdf.memlimit > 64 * 1024) return Promise.resolve(crypto.getRandomValues(new Uint8Array(32)));
      const id = `${kdf.algorithm}/${kdf.opslimit}/${kdf.memlimit}/${hex(kdf.salt)}`;
      if (!derived.has(id)) derived.set(id, deriveKey(passkey, kdf));
      return derived.get(id)!.then((key) => key.slice());
    };
    const secrets = secretsOf(ways);
    const codes = new Set<string>();
    for (let offset = 0; offset < bytes.length; offset++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = withBitFlipped(bytes, offset, bit);
        for (const secret of secrets) {
          const outcome = await Promise.resolve()
            .then(() => decodeAnyHeader(flipped, 'u.nvbak'))
            .then((h) => {
              if (h.formatVersion !== 2)
                throw new Error(`a flip at byte offset ${offset} reads as version 1`);
              return unlockFileKey(h, secret, 'u.nvbak', cheapDerive);
            })
            .then(
              () => 'opened',
              (e: unknown) => (e as { code?: string }).code ?? String(e),
            );
          codes.add(outcome);
          if (outcome === 'opened')
            throw new Error(
              `a flip of bit ${bit} at byte offset ${offset} still opens with the ${secret.kind}`,
            );
        }
      }
    }
    // Refused as not a backup (magic), damage, unsupported (version, flags, counts, costs) or as
    // another secret (key ids, costs): never anything else.
    expect([...codes].sort()).toEqual([
      'BACKUP_DAMAGED',
      'BACKUP_UNSUPPORTED',
      'KEY_MISMATCH',
      'NOT_A_BACKUP',
      'WRONG_PASSKEY',
      'WRONG_RECOVERY_CODE',
    ]);
  }, 60_000);
});
