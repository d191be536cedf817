import { describe, expect, it } from 'vitest';
import { loadSodium } from '../sodium';
import { cheapKdfParams, expectFailure } from '../../../../test/main/backup/format/test-support';
import { makeWayInSecrets } from '../../../../test/main/backup/format/v2-header-support';
import { encodeSlot, parseSlotArea, unwrapSlot } from './slots';
import type { ParsedSlot, Recipient } from './slots';
import { keyIdOf, newFileKey } from './way-in-keys';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The slot as the only one in a slot area, parsed the way a reader does. */
function parsedAlone(slot: Uint8Array): ParsedSlot {
  const header = new Uint8Array(40 + slot.length);
  header.set(slot, 40);
  const [parsed] = parseSlotArea(header, 1, slot.length, 'x.nvbak');
  if (parsed === undefined) throw new Error('no slot parsed');
  return parsed;
}

describe('encodeSlot / unwrapSlot', async () => {
  const ways = await makeWayInSecrets();
  const cases: [string, Recipient, Uint8Array, number, number][] = [
    ['passkey', ways.recipients[0]!, ways.passkeySecretKey, 1, 126],
    ['recovery-code', ways.recipients[1]!, ways.recoverySecretKey, 2, 96],
    ['device', ways.recipients[2]!, ways.deviceSecretKey, 3, 96],
  ];

  it.each(cases)(
    'lays out a %s slot as section 14 says, wrapped as section 13 says',
    async (_name, recipient, sk, kindByte, bodyLength) => {
      const sodium = await loadSodium();
      const fileKey = newFileKey();
      const slot = await encodeSlot(fileKey, recipient);
      const view = Buffer.from(slot);
      expect(slot).toHaveLength(4 + bodyLength);
      expect([view[0], view[1], view.readUInt16LE(2)]).toEqual([kindByte, 0, bodyLength]);
      expect(hex(slot.subarray(4, 20))).toBe(hex(await keyIdOf(recipient.publicKey)));
      if (recipient.kind === 'passkey') {
        expect(view.readUInt16LE(20)).toBe(2);
        expect(view.readUInt32LE(22)).toBe(recipient.kdf.opslimit);
        expect(view.readBigUInt64LE(26)).toBe(BigInt(recipient.kdf.memlimit));
        expect(hex(slot.subarray(34, 50))).toBe(hex(recipient.kdf.salt));
      }
      // Unwrap with libsodium alone, following the documented formula.
      const at = slot.length - 80;
      const epk = slot.subarray(at, at + 32);
      const pk = sodium.crypto_scalarmult_base(sk);
      const shared = sodium.crypto_scalarmult(sk, epk);
      const wrapKey = sodium.crypto_generichash(32, Buffer.concat([epk, pk]), shared);
      const opened = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        slot.subarray(at + 32),
        slot.subarray(0, at + 32),
        new Uint8Array(24),
        wrapKey,
      );
      expect(hex(opened)).toBe(hex(fileKey));
    },
  );

  it.each(cases)(
    'round-trips the file key for a %s slot, with a fresh ephemeral key per wrap',
    async (_name, recipient, sk) => {
      const fileKey = newFileKey();
      const slot = await encodeSlot(fileKey, recipient);
      expect(hex(await unwrapSlot(parsedAlone(slot), sk, 'x.nvbak'))).toBe(hex(fileKey));
      const again = await encodeSlot(fileKey, recipient);
      expect(hex(again.subarray(again.length - 80, again.length - 48))).not.toBe(
        hex(slot.subarray(slot.length - 80, slot.length - 48)),
      );
    },
  );

  it('calls a slot whose wrapped key or additional data was altered damaged', async () => {
    const fileKey = newFileKey();
    const slot = await encodeSlot(fileKey, ways.recipients[2]!);
    for (const offset of [1 + 4, 30, slot.length - 60, slot.length - 1]) {
      const altered = new Uint8Array(slot);
      altered[offset] = (altered[offset] ?? 0) ^ 0x10;
      const parsed = parsedAlone(altered);
      await expectFailure(
        unwrapSlot(parsed, ways.deviceSecretKey, 'x.nvbak'),
        'BACKUP_DAMAGED',
        /device slot at byte offset 40/,
      );
    }
    // An all-zero epk makes X25519 give zero: damage, never a crash.
    const zeroEpk = new Uint8Array(slot);
    zeroEpk.fill(0, slot.length - 80, slot.length - 48);
    await expectFailure(
      unwrapSlot(parsedAlone(zeroEpk), ways.deviceSecretKey, 'x.nvbak'),
      'BACKUP_DAMAGED',
      /unusable ephemeral key/,
    );
  });

  it('refuses to write a slot no reader would accept', async () => {
    await expectFailure(
      encodeSlot(newFileKey(), {
        kind: 'passkey',
        kdf: { ...cheapKdfParams(), opslimit: 13 },
        publicKey: ways.recipients[0]!.publicKey,
      }),
      'BACKUP_UNSUPPORTED',
    );
    await expectFailure(
      encodeSlot(newFileKey(), { kind: 'device', publicKey: new Uint8Array(32) }),
      'INTERNAL',
      /not a usable X25519 key/,
    );
    await expectFailure(encodeSlot(new Uint8Array(16), ways.recipients[1]!), 'INTERNAL');
  });
});
