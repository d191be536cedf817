import { describe, expect, it } from 'vitest';
import { loadSodium } from '../sodium';
import { expectFailure } from '../../../../test/main/backup/format/test-support';
import { STREAM_HEADER, makeWayInSecrets } from '../../../../test/main/backup/format/v2-header-support';
import { decodeHeaderV2, encodeHeaderV2, rewrapHeader, verifyHeaderMac } from './header-v2';
import { unlockFileKey } from './unlock-file-key';
import { newFileKey, publicKeyOf, recoverySecretKey } from './way-in-keys';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('encodeHeaderV2 / decodeHeaderV2', async () => {
  const ways = await makeWayInSecrets();

  it('lays out a three-slot header as section 14 example shows, with the MAC over bytes 0 .. 40 + S - 1', async () => {
    const sodium = await loadSodium();
    const fileKey = newFileKey();
    // Given out of order: the header still holds them in kind order.
    const bytes = Buffer.from(await encodeHeaderV2(fileKey, STREAM_HEADER, [...ways.recipients].reverse()));
    expect(bytes).toHaveLength(402);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('NVBACKUP');
    expect([bytes.readUInt16LE(8), bytes.readUInt16LE(10)]).toEqual([2, 0]);
    expect(hex(bytes.subarray(12, 36))).toBe(hex(STREAM_HEADER));
    expect([bytes.readUInt16LE(36), bytes[38], bytes[39]]).toEqual([330, 3, 0]);
    expect([
      bytes[0x28],
      bytes.readUInt16LE(0x2a),
      bytes[0xaa],
      bytes.readUInt16LE(0xac),
      bytes[0x10e],
    ]).toEqual([1, 126, 2, 96, 3]);
    const headerKey = sodium.crypto_generichash(32, Buffer.from('NoteVault v2 header key'), fileKey);
    expect(hex(bytes.subarray(0x172))).toBe(
      hex(sodium.crypto_generichash(32, bytes.subarray(0, 0x172), headerKey)),
    );
  });

  it('decodes every field and keeps the exact bytes', async () => {
    const bytes = await encodeHeaderV2(newFileKey(), STREAM_HEADER, ways.recipients);
    const withFrames = Buffer.concat([bytes, Buffer.alloc(50, 9)]);
    const header = decodeHeaderV2(withFrames, 'h.nvbak');
    expect(header.formatVersion).toBe(2);
    expect(header.headerLength).toBe(402);
    expect(hex(header.bytes)).toBe(hex(bytes));
    expect(hex(header.fixedPart)).toBe(hex(bytes.subarray(0, 36)));
    expect(hex(header.streamHeader)).toBe(hex(STREAM_HEADER));
    expect(header.slots.map((s) => [s.kind, s.kindByte, s.offset, s.bytes.length])).toEqual([
      ['passkey', 1, 40, 130],
      ['recovery-code', 2, 170, 100],
      ['device', 3, 270, 100],
    ]);
    expect(header.passkeyKdf).toEqual(ways.kdf);
    expect(header.slots[0]?.kdf).toEqual(ways.kdf);
  });

  it('has no passkey KDF when there is no passkey slot', async () => {
    const header = decodeHeaderV2(
      await encodeHeaderV2(newFileKey(), STREAM_HEADER, ways.recipients.slice(1)),
      'h',
    );
    expect(header.passkeyKdf).toBeUndefined();
    expect(header.headerLength).toBe(72 + 200);
  });

  it('refuses to write a header without slots or with two of a kind', async () => {
    await expectFailure(encodeHeaderV2(newFileKey(), STREAM_HEADER, []), 'INTERNAL');
    await expectFailure(
      encodeHeaderV2(newFileKey(), STREAM_HEADER, [ways.recipients[1]!, ways.recipients[1]!]),
      'INTERNAL',
    );
    await expectFailure(encodeHeaderV2(newFileKey(), new Uint8Array(23), ways.recipients), 'INTERNAL');
  });
});

describe('verifyHeaderMac', async () => {
  const ways = await makeWayInSecrets();

  it('accepts the header under its own file key and calls any other key damage', async () => {
    const fileKey = newFileKey();
    const header = decodeHeaderV2(await encodeHeaderV2(fileKey, STREAM_HEADER, ways.recipients), 'm.nvbak');
    await verifyHeaderMac(header, fileKey, 'm.nvbak');
    await expectFailure(
      verifyHeaderMac(header, newFileKey(), 'm.nvbak'),
      'BACKUP_DAMAGED',
      /header MAC \(byte offset 370\)/,
    );
  });
});

describe('rewrapHeader', async () => {
  const ways = await makeWayInSecrets('old passkey words');
  const next = await makeWayInSecrets('new passkey words');

  it('keeps the fixed part byte for byte; the new passkey opens the result and the old one does not', async () => {
    const fileKey = newFileKey();
    const before = decodeHeaderV2(await encodeHeaderV2(fileKey, STREAM_HEADER, ways.recipients), 'r.nvbak');
    const keptRecovery = before.slots.find((slot) => slot.kind === 'recovery-code')!;
    const rewritten = await rewrapHeader(before, fileKey, [
      { kind: 'kept', slot: keptRecovery },
      next.recipients[0]!,
    ]);
    expect(hex(rewritten.subarray(0, 36))).toBe(hex(before.bytes.subarray(0, 36)));
    expect(rewritten).toHaveLength(72 + 130 + 100);
    const after = decodeHeaderV2(rewritten, 'r.nvbak');
    // The kept slot is carried over byte for byte (its wrap does not depend on the rest).
    expect(hex(after.slots[1]!.bytes)).toBe(hex(keptRecovery.bytes));
    expect(hex(await unlockFileKey(after, { kind: 'passkey', passkey: next.passkey }, 'r.nvbak'))).toBe(
      hex(fileKey),
    );
    await expectFailure(
      unlockFileKey(after, { kind: 'passkey', passkey: ways.passkey }, 'r.nvbak'),
      'WRONG_PASSKEY',
    );
    expect(
      hex(await unlockFileKey(after, { kind: 'recovery-code', code: ways.recoveryCode }, 'r.nvbak')),
    ).toBe(hex(fileKey));
    await expectFailure(
      unlockFileKey(after, { kind: 'device', secretKey: ways.deviceSecretKey }, 'r.nvbak'),
      'KEY_MISMATCH',
    );
  });

  it('gives a new recovery code a slot in place of the old one', async () => {
    const fileKey = newFileKey();
    const before = decodeHeaderV2(await encodeHeaderV2(fileKey, STREAM_HEADER, ways.recipients), 'r.nvbak');
    const code = crypto.getRandomValues(new Uint8Array(20));
    const publicKey = await publicKeyOf(await recoverySecretKey(code));
    const after = decodeHeaderV2(
      await rewrapHeader(before, fileKey, [ways.recipients[0]!, { kind: 'recovery-code', publicKey }]),
      'r.nvbak',
    );
    expect(hex(await unlockFileKey(after, { kind: 'recovery-code', code }, 'r.nvbak'))).toBe(hex(fileKey));
    await expectFailure(
      unlockFileKey(after, { kind: 'recovery-code', code: ways.recoveryCode }, 'r.nvbak'),
      'WRONG_RECOVERY_CODE',
    );
  });

  it('refuses a file key the header was not made with, which would lock the file for good', async () => {
    const header = decodeHeaderV2(
      await encodeHeaderV2(newFileKey(), STREAM_HEADER, ways.recipients),
      'r.nvbak',
    );
    await expectFailure(rewrapHeader(header, newFileKey(), next.recipients), 'INTERNAL', /not the one/);
  });
});
