/**
 * Section 17 steps 1-6 against headers anyone could write. Every hostile header here carries a
 * valid MAC (assembled with libsodium directly), so each refusal is the bound's, not the MAC's,
 * and comes from decodeHeaderV2, before any key is derived.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../src-shared/errors';
import { expectThrows } from '../../../../test/main/backup/format/test-support';
import {
  assembleRawHeader,
  fixedPart,
  makeWayInSecrets,
  rawSlot,
} from '../../../../test/main/backup/format/v2-header-support';
import { decodeHeaderV2, encodeHeaderV2 } from './header-v2';
import { encodeSlot } from './slots';
import { unlockFileKey } from './unlock-file-key';
import { newFileKey } from './way-in-keys';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const body = (length: number): Uint8Array => new Uint8Array(length).fill(0x5a);

describe('a hostile v2 header', async () => {
  const ways = await makeWayInSecrets();
  const fileKey = newFileKey();
  const [passkeySlot, recoverySlot, deviceSlot] = await Promise.all(
    ways.recipients.map((r) => encodeSlot(fileKey, r)),
  );
  const psk = passkeySlot!;
  const rec = recoverySlot!;
  const dev = deviceSlot!;

  /** A passkey slot whose KDF fields are edited; its wrap no longer opens, which no bound may depend on. */
  function passkeySlotWith(edit: (view: DataView) => void): Uint8Array {
    const copy = new Uint8Array(psk);
    edit(new DataView(copy.buffer));
    return copy;
  }

  const cases: [string, () => Promise<Uint8Array>, ErrorCode, RegExp][] = [
    [
      'flags set',
      () => assembleRawHeader([psk], fileKey, { fixed: fixedPart({ flags: 1 }) }),
      'BACKUP_UNSUPPORTED',
      /header flags 0x1 \(byte offset 10\)/,
    ],
    ['no slots', () => assembleRawHeader([], fileKey), 'BACKUP_DAMAGED', /no key slots/],
    [
      'reserved byte 39 set',
      () => assembleRawHeader([psk], fileKey, { reserved: 1 }),
      'BACKUP_DAMAGED',
      /reserved header byte at byte offset 39/,
    ],
    [
      'nine slots',
      () =>
        assembleRawHeader(
          Array.from({ length: 9 }, () => rawSlot(9, body(0))),
          fileKey,
        ),
      'BACKUP_UNSUPPORTED',
      /has 9 key slots \(byte offset 38\), more than the 8 this version accepts, so this NoteVault cannot open it\. Update NoteVault/,
    ],
    [
      '255 slots claimed',
      () => assembleRawHeader([psk], fileKey, { slotCount: 255 }),
      'BACKUP_UNSUPPORTED',
      /255 key slots/,
    ],
    [
      'slot area smaller than 4 bytes a slot',
      () => assembleRawHeader([rawSlot(9, body(0))], fileKey, { slotCount: 2 }),
      'BACKUP_DAMAGED',
      /slot area of 4 bytes.*cannot hold 2 slots/,
    ],
    [
      'slot area over 1024 bytes',
      () => assembleRawHeader([rawSlot(9, body(1021)), psk], fileKey),
      'BACKUP_UNSUPPORTED',
      /slot area of 1155 bytes \(byte offset 36\), more than the 1024 this version accepts/,
    ],
    [
      'slot area of 65535 bytes claimed',
      () => assembleRawHeader([psk], fileKey, { slotAreaLength: 65535 }),
      'BACKUP_UNSUPPORTED',
      /65535 bytes/,
    ],
    [
      'oversized passkey slot',
      () => assembleRawHeader([rawSlot(1, body(127))], fileKey),
      'BACKUP_DAMAGED',
      /passkey slot of 127 bytes; it must be 126/,
    ],
    [
      'undersized device slot',
      () => assembleRawHeader([psk, rawSlot(3, body(95))], fileKey),
      'BACKUP_DAMAGED',
      /slot 2 of 2 \(byte offset 170\) is a device slot of 95 bytes; it must be 96/,
    ],
    [
      'undersized recovery-code slot',
      () => assembleRawHeader([rawSlot(2, body(16))], fileKey),
      'BACKUP_DAMAGED',
      /recovery-code slot of 16 bytes/,
    ],
    [
      'two passkey slots',
      () => assembleRawHeader([psk, psk], fileKey),
      'BACKUP_DAMAGED',
      /slot 2 of 2 \(byte offset 170\) is a second passkey slot/,
    ],
    [
      'two device slots',
      () => assembleRawHeader([dev, rec, dev], fileKey),
      'BACKUP_DAMAGED',
      /second device slot/,
    ],
    [
      'a slot reserved byte set',
      () => assembleRawHeader([rawSlot(3, dev.subarray(4), { reserved: 7 })], fileKey),
      'BACKUP_DAMAGED',
      /slot 1 of 1 \(byte offset 40\) has a reserved byte/,
    ],
    [
      'a body past the slot area',
      () => assembleRawHeader([psk, rawSlot(9, body(4), { bodyLength: 5 })], fileKey),
      'BACKUP_DAMAGED',
      /body length of 5 bytes, past the slot area's end at byte offset 178/,
    ],
    [
      'a slot head past the slot area',
      () => assembleRawHeader([psk, body(2)], fileKey, { slotCount: 2 }),
      'BACKUP_DAMAGED',
      /starts 2 bytes before the end of the slot area/,
    ],
    [
      'bytes left after the last slot',
      () => assembleRawHeader([psk, body(6)], fileKey, { slotCount: 1 }),
      'BACKUP_DAMAGED',
      /1 slots take 130 bytes, but the slot area is 136 bytes/,
    ],
    [
      'only unknown kinds',
      () => assembleRawHeader([rawSlot(4, body(96)), rawSlot(0, body(3)), rawSlot(200, body(0))], fileKey),
      'BACKUP_UNSUPPORTED',
      /only key slots of kinds this version does not know \(4, 0, 200\)/,
    ],
    [
      'passkey costs over the memory cap',
      () => assembleRawHeader([passkeySlotWith((v) => v.setBigUint64(26, 2n ** 64n - 1n, true))], fileKey),
      'BACKUP_UNSUPPORTED',
      /memlimit.*at most 1073741824/,
    ],
    [
      'passkey costs over the pass cap',
      () => assembleRawHeader([passkeySlotWith((v) => v.setUint32(22, 13, true))], fileKey),
      'BACKUP_UNSUPPORTED',
      /13 Argon2id passes/,
    ],
    [
      'another KDF algorithm',
      () => assembleRawHeader([passkeySlotWith((v) => v.setUint16(20, 1, true))], fileKey),
      'BACKUP_UNSUPPORTED',
      /algorithm id 1/,
    ],
    [
      'passkey costs below the minimum',
      () => assembleRawHeader([passkeySlotWith((v) => v.setUint32(22, 0, true))], fileKey),
      'BACKUP_DAMAGED',
      /opslimit 0/,
    ],
  ];

  it.each(cases)('%s: refused before any key work', async (_name, build, code, message) => {
    const bytes = await build();
    expectThrows(() => decodeHeaderV2(bytes, 'hostile.nvbak'), code, /hostile\.nvbak/, message);
  });

  it('skips slots of kinds it does not know, and opens with the known one', async () => {
    const bytes = await assembleRawHeader([rawSlot(0, body(0)), psk, rawSlot(9, body(300)), dev], fileKey);
    const header = decodeHeaderV2(bytes, 'later.nvbak');
    expect(header.slots.map((s) => [s.kind, s.kindByte, s.offset])).toEqual([
      ['unknown', 0, 40],
      ['passkey', 1, 44],
      ['unknown', 9, 174],
      ['device', 3, 478],
    ]);
    expect(header.slots[0]!.keyId).toHaveLength(0);
    expect(hex(await unlockFileKey(header, { kind: 'passkey', passkey: ways.passkey }, 'later.nvbak'))).toBe(
      hex(fileKey),
    );
    expect(
      hex(await unlockFileKey(header, { kind: 'device', secretKey: ways.deviceSecretKey }, 'later.nvbak')),
    ).toBe(hex(fileKey));
  });

  it('accepts the largest header a writer may make: 8 slots in 1024 bytes', async () => {
    const filler = Array.from({ length: 6 }, (_, i) =>
      rawSlot(10 + i, body(i === 0 ? 1024 - 130 - 100 - 6 * 4 : 0)),
    );
    const bytes = await assembleRawHeader([psk, rec, ...filler], fileKey);
    expect(bytes).toHaveLength(72 + 1024);
    expect(decodeHeaderV2(bytes, 'big.nvbak').slots).toHaveLength(8);
  });

  it('matches what the real writer makes, so the crafted headers above differ from it only where each says', async () => {
    const assembled = await assembleRawHeader([psk, rec, dev], fileKey);
    const decoded = decodeHeaderV2(assembled, 'x');
    const written = decodeHeaderV2(await encodeHeaderV2(fileKey, decoded.streamHeader, ways.recipients), 'x');
    expect(hex(written.fixedPart)).toBe(hex(decoded.fixedPart));
    expect(written.slots.map((s) => [s.kind, s.offset, s.bytes.length, hex(s.keyId)])).toEqual(
      decoded.slots.map((s) => [s.kind, s.offset, s.bytes.length, hex(s.keyId)]),
    );
    expect(hex(await unlockFileKey(decoded, { kind: 'recovery-code', code: ways.recoveryCode }, 'x'))).toBe(
      hex(fileKey),
    );
  });
});
