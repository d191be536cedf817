/**
 * A second v2 decryptor written only from docs/backup-format.md (sections 13-19): libsodium
 * calls and byte parsing by hand, nothing from this folder, not even the writer. If it and
 * the real reader ever disagree about a committed vector, the document or the implementation
 * is wrong.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';

type Category =
  | 'NOT_A_BACKUP'
  | 'BACKUP_UNSUPPORTED'
  | 'BACKUP_DAMAGED'
  | 'WRONG_PASSKEY'
  | 'WRONG_RECOVERY_CODE'
  | 'KEY_MISMATCH'
  | 'CODE_MISTYPED';

class Rejected extends Error {
  constructor(
    readonly category: Category,
    detail: string,
  ) {
    super(`${category}: ${detail}`);
  }
}

type Secret =
  | { kind: 'passkey'; passkey: string }
  | { kind: 'recovery-code'; typed: string }
  | { kind: 'device'; secretKey: Uint8Array };

const KIND_BYTE = { passkey: 1, 'recovery-code': 2, device: 3 } as const;
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Section 13: BLAKE2b-n(key = K, msg = M) = crypto_generichash(n / 8, M, K). */
const blake2b = (bits: number, key: Uint8Array, msg: Uint8Array): Uint8Array =>
  sodium.crypto_generichash(bits / 8, msg, key);

/** Section 15, with unbounded integers. */
function padme(length: number): number {
  if (length < 2) return length;
  const l = BigInt(length);
  const e = l.toString(2).length - 1;
  const s = e.toString(2).length; // floor(log2(E)) + 1
  const z = BigInt(e - s);
  const mask = (1n << z) - 1n;
  return Number((l + mask) & ~mask);
}

/** Section 19: the typed code to its 20 bytes, or a refusal before any key work. */
function recoveryCodeBytes(typed: string): Uint8Array {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  // ASCII a-z only: toUpperCase would also turn some other letters (dotless i, long s) into ones of the alphabet.
  const symbols = typed
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== 40) throw new Rejected('CODE_MISTYPED', 'not 40 symbols');
  const values = [...symbols].map((symbol) => alphabet.indexOf(symbol));
  if (values.includes(-1)) throw new Rejected('CODE_MISTYPED', 'a symbol outside the alphabet');
  const data: number[] = [];
  for (let g = 0; g < 8; g++) {
    const [v0, v1, v2, v3, check] = values.slice(g * 5, g * 5 + 5) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if ((v0 + 3 * v1 + 5 * v2 + 7 * v3 + 11 * (g + 1)) % 32 !== check) {
      throw new Rejected('CODE_MISTYPED', `group ${g + 1}'s check symbol`);
    }
    data.push(v0, v1, v2, v3);
  }
  // 32 symbols x 5 bits, most significant bit first = 160 bits = 20 bytes.
  let bits = 0n;
  for (const value of data) bits = (bits << 5n) | BigInt(value);
  const bytes = new Uint8Array(20);
  for (let i = 19; i >= 0; i--) {
    bytes[i] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  return bytes;
}

interface Slot {
  kind: number;
  keyId: Uint8Array;
  prefix: Uint8Array;
  epk: Uint8Array;
  wrapped: Uint8Array;
  kdf?: { opslimit: number; memlimit: number; salt: Uint8Array };
}

/** Section 4's bounds on a passkey slot's KDF fields (section 17 step 5). */
function checkKdf(algorithm: number, opslimit: number, memlimit: bigint): void {
  if (algorithm !== 2) throw new Rejected('BACKUP_UNSUPPORTED', 'kdf algorithm');
  if (opslimit > 12) throw new Rejected('BACKUP_UNSUPPORTED', 'opslimit');
  if (memlimit > 1073741824n) throw new Rejected('BACKUP_UNSUPPORTED', 'memlimit');
  if (opslimit < 1) throw new Rejected('BACKUP_DAMAGED', 'opslimit');
  if (memlimit < 8192n) throw new Rejected('BACKUP_DAMAGED', 'memlimit');
}

interface Decrypted {
  fileKey: Uint8Array;
  metadata: Record<string, unknown>;
  payload: Buffer;
  paddedLength: number;
  headerLength: number;
  frames: number;
}

/** Section 8 steps 1-3, then section 17 step by step. */
function decryptV2PerSpec(file: Buffer, secret: Secret): Decrypted {
  if (file.length < 8 || file.subarray(0, 8).toString('latin1') !== 'NVBACKUP') {
    throw new Rejected('NOT_A_BACKUP', 'no magic');
  }
  if (file.length < 10) throw new Rejected('BACKUP_DAMAGED', 'header cut');
  const version = file.readUInt16LE(8);
  if (version > 2) throw new Rejected('BACKUP_UNSUPPORTED', `format version ${version}`);
  if (version !== 2) throw new Rejected('BACKUP_DAMAGED', `not the v2 this decryptor reads: ${version}`);

  // Header, steps 1-6.
  if (file.length < 40) throw new Rejected('BACKUP_DAMAGED', 'header cut');
  if (file.readUInt16LE(10) !== 0) throw new Rejected('BACKUP_UNSUPPORTED', 'flags');
  const slotArea = file.readUInt16LE(36);
  const count = file[38]!;
  if (count === 0 || file[39] !== 0) throw new Rejected('BACKUP_DAMAGED', 'slot count or reserved byte');
  if (count > 8) throw new Rejected('BACKUP_UNSUPPORTED', 'too many slots');
  if (slotArea < 4 * count) throw new Rejected('BACKUP_DAMAGED', 'slot area too small');
  if (slotArea > 1024) throw new Rejected('BACKUP_UNSUPPORTED', 'slot area too large');
  const headerLength = 72 + slotArea;
  if (file.length < headerLength) throw new Rejected('BACKUP_DAMAGED', 'header cut');
  const slots: Slot[] = [];
  const seen = new Set<number>();
  let at = 40;
  for (let i = 0; i < count; i++) {
    const remaining = 40 + slotArea - at;
    if (remaining < 4) throw new Rejected('BACKUP_DAMAGED', 'slot head cut');
    const kind = file[at]!;
    const bodyLength = file.readUInt16LE(at + 2);
    if (bodyLength > remaining - 4 || file[at + 1] !== 0) throw new Rejected('BACKUP_DAMAGED', 'slot bounds');
    const end = at + 4 + bodyLength;
    if (kind >= 1 && kind <= 3) {
      if (bodyLength !== (kind === 1 ? 126 : 96) || seen.has(kind))
        throw new Rejected('BACKUP_DAMAGED', 'slot kind');
      seen.add(kind);
      const slot: Slot = {
        kind,
        keyId: file.subarray(at + 4, at + 20),
        prefix: file.subarray(at, end - 80),
        epk: file.subarray(end - 80, end - 48),
        wrapped: file.subarray(end - 48, end),
      };
      if (kind === 1) {
        const opslimit = file.readUInt32LE(at + 22);
        const memlimit = file.readBigUInt64LE(at + 26);
        checkKdf(file.readUInt16LE(at + 20), opslimit, memlimit);
        slot.kdf = { opslimit, memlimit: Number(memlimit), salt: file.subarray(at + 34, at + 50) };
      }
      slots.push(slot);
    }
    at = end;
  }
  if (at !== 40 + slotArea) throw new Rejected('BACKUP_DAMAGED', 'slot area not used exactly');
  if (slots.length === 0) throw new Rejected('BACKUP_UNSUPPORTED', 'no known slot');

  // Key, steps 7-10.
  const refusal: Category =
    secret.kind === 'passkey'
      ? 'WRONG_PASSKEY'
      : secret.kind === 'recovery-code'
        ? 'WRONG_RECOVERY_CODE'
        : 'KEY_MISMATCH';
  const code = secret.kind === 'recovery-code' ? recoveryCodeBytes(secret.typed) : undefined;
  const slot = slots.find((candidate) => candidate.kind === KIND_BYTE[secret.kind]);
  if (slot === undefined) throw new Rejected(refusal, 'no slot for this way in');
  let sk: Uint8Array;
  if (secret.kind === 'passkey') {
    const { opslimit, memlimit, salt } = slot.kdf!;
    const password = Buffer.from(secret.passkey.normalize('NFC'), 'utf8');
    const stretched = sodium.crypto_pwhash(32, password, salt, opslimit, memlimit, 2);
    sk = blake2b(256, stretched, ascii('NoteVault v2 passkey'));
  } else if (secret.kind === 'recovery-code') {
    sk = blake2b(256, code!, ascii('NoteVault v2 recovery code'));
  } else {
    sk = secret.secretKey;
  }
  const pk = sodium.crypto_scalarmult_base(sk);
  if (!sodium.memcmp(blake2b(128, ascii('NoteVault v2 key id'), pk), slot.keyId))
    throw new Rejected(refusal, 'key id');
  let fileKey: Uint8Array;
  try {
    const shared = sodium.crypto_scalarmult(sk, slot.epk);
    const wrapKey = blake2b(256, shared, Buffer.concat([slot.epk, pk]));
    fileKey = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      slot.wrapped,
      Buffer.concat([slot.prefix, slot.epk]),
      new Uint8Array(24),
      wrapKey,
    );
  } catch {
    throw new Rejected('BACKUP_DAMAGED', 'slot does not unwrap');
  }
  const headerKey = blake2b(256, fileKey, ascii('NoteVault v2 header key'));
  const mac = blake2b(256, headerKey, file.subarray(0, 40 + slotArea));
  if (!sodium.memcmp(mac, file.subarray(40 + slotArea, headerLength)))
    throw new Rejected('BACKUP_DAMAGED', 'header MAC');

  // Stream: section 8 steps 7-17 with frame 0 at H, chunk 0's AD = bytes 0-35.
  const streamKey = blake2b(256, fileKey, ascii('NoteVault v2 stream key'));
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(file.subarray(12, 36), streamKey);
  let offset = headerLength;
  let frames = 0;
  const readFrameAt = (index: number): Buffer => {
    if (offset === file.length) throw new Rejected('BACKUP_DAMAGED', `file ends before chunk ${index}`);
    if (offset + 4 > file.length) throw new Rejected('BACKUP_DAMAGED', `chunk ${index}: length cut`);
    const length = file.readUInt32LE(offset);
    if (length < 17 || length > 1048593) throw new Rejected('BACKUP_DAMAGED', `chunk ${index}: bad length`);
    if (offset + 4 + length > file.length) throw new Rejected('BACKUP_DAMAGED', `chunk ${index}: body cut`);
    const body = file.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    frames++;
    return body;
  };
  const first = sodium.crypto_secretstream_xchacha20poly1305_pull(
    state,
    readFrameAt(0),
    file.subarray(0, 36),
  );
  // Step 11: the key is committed, so a failing chunk 0 is damage.
  if (first === false) throw new Rejected('BACKUP_DAMAGED', 'chunk 0 did not authenticate');
  if (first.tag !== 0) throw new Rejected('BACKUP_DAMAGED', 'metadata tag');
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(first.message)) as Record<
      string,
      unknown
    >;
  } catch {
    throw new Rejected('BACKUP_DAMAGED', 'metadata JSON');
  }
  const plaintextSize = metadata.plaintextSize;
  const validMetadata =
    metadata.formatVersion === 2 &&
    typeof metadata.appVersion === 'string' &&
    metadata.appVersion.length >= 1 &&
    metadata.appVersion.length <= 64 &&
    isCount(metadata.schemaVersion) &&
    typeof metadata.createdAt === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(metadata.createdAt) &&
    isCount(metadata.noteCount) &&
    typeof plaintextSize === 'number' &&
    Number.isSafeInteger(plaintextSize) &&
    plaintextSize >= 0 &&
    typeof metadata.plaintextSha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(metadata.plaintextSha256) &&
    ['manual', 'scheduled', 'before-restore'].includes(metadata.kind as string);
  if (!validMetadata) throw new Rejected('BACKUP_DAMAGED', 'metadata fields');

  const parts: Uint8Array[] = [];
  for (let index = 1; ; index++) {
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, readFrameAt(index), null);
    if (result === false) throw new Rejected('BACKUP_DAMAGED', `chunk ${index} did not authenticate`);
    if (result.tag !== 0 && result.tag !== 3) throw new Rejected('BACKUP_DAMAGED', `chunk ${index} tag`);
    parts.push(result.message);
    if (result.tag === 3) {
      if (offset !== file.length) throw new Rejected('BACKUP_DAMAGED', 'data after the final chunk');
      break;
    }
  }
  // Steps 13-14.
  const stored = Buffer.concat(parts);
  const paddedLength = padme(plaintextSize);
  if (stored.length !== paddedLength || stored.subarray(plaintextSize).some((byte) => byte !== 0)) {
    throw new Rejected('BACKUP_DAMAGED', 'padding does not match the metadata');
  }
  const payload = stored.subarray(0, plaintextSize);
  if (createHash('sha256').update(payload).digest('hex') !== metadata.plaintextSha256) {
    throw new Rejected('BACKUP_DAMAGED', 'payload does not match metadata');
  }
  return { fileKey, metadata, payload, paddedLength, headerLength, frames };
}

/** Section 7: "integer >= 0". */
function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}

/**
 * `good` (whose file key is `fileKey`) with its stream made again around `metadata`, by the
 * document's formulas: an authentic file whose metadata breaks a rule only the reader checks.
 */
function withMetadata(
  good: Buffer,
  headerLength: number,
  fileKey: Uint8Array,
  payload: Uint8Array,
  metadata: Record<string, unknown>,
): Buffer {
  const streamKey = blake2b(256, fileKey, ascii('NoteVault v2 stream key'));
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(streamKey);
  const head = Buffer.from(good.subarray(0, headerLength));
  head.set(header, 12);
  const headerKey = blake2b(256, fileKey, ascii('NoteVault v2 header key'));
  head.set(blake2b(256, headerKey, head.subarray(0, headerLength - 32)), headerLength - 32);
  const frame = (message: Uint8Array, ad: Uint8Array | null, tag: number): Buffer[] => {
    const body = sodium.crypto_secretstream_xchacha20poly1305_push(state, message, ad, tag);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    return [length, Buffer.from(body)];
  };
  const padded = new Uint8Array(padme(payload.length));
  padded.set(payload);
  return Buffer.concat([
    head,
    ...frame(ascii(JSON.stringify(metadata)), head.subarray(0, 36), 0),
    ...frame(padded, null, 3),
  ]);
}

const VECTORS = join(__dirname, '../../../test/main/backup/test-vectors');

interface ManifestEntryV2 {
  file: string;
  slots: string[];
  headerLength: number;
  secrets: {
    passkey?: string;
    recoveryCode?: string;
    recoveryCodeHex?: string;
    deviceSecretKeyHex?: string;
  };
  fileKeyHex: string;
  frameCount: number;
  paddedLength: number;
  plaintextUtf8?: string;
  metadata: Record<string, unknown>;
}

function secretsOf(vector: ManifestEntryV2): Secret[] {
  const { passkey, recoveryCode, deviceSecretKeyHex } = vector.secrets;
  return [
    ...(passkey === undefined ? [] : [{ kind: 'passkey' as const, passkey }]),
    ...(recoveryCode === undefined ? [] : [{ kind: 'recovery-code' as const, typed: recoveryCode }]),
    ...(deviceSecretKeyHex === undefined
      ? []
      : [{ kind: 'device' as const, secretKey: Buffer.from(deviceSecretKeyHex, 'hex') }]),
  ];
}

describe('independent v2 decryptor (docs/backup-format.md only)', () => {
  let vectors: ManifestEntryV2[] = [];
  beforeAll(async () => {
    await sodium.ready;
    vectors = (
      JSON.parse(await readFile(join(VECTORS, 'manifest.json'), 'utf8')) as { v2Vectors: ManifestEntryV2[] }
    ).v2Vectors;
  });

  it('gives the padme values the document lists', () => {
    expect([0, 9, 129, 4096, 1000000].map(padme)).toEqual([0, 10, 144, 4096, 1015808]);
  });

  it('opens every committed v2 vector through each of its slots, to the manifest contents', async () => {
    expect(vectors.map((v) => v.file)).toEqual([
      'v2-all-slots.nvbak',
      'v2-passkey-only.nvbak',
      'v2-multi-chunk.nvbak',
    ]);
    for (const vector of vectors) {
      const file = await readFile(join(VECTORS, vector.file));
      const secrets = secretsOf(vector);
      expect(secrets.map((s) => s.kind)).toEqual(vector.slots);
      for (const secret of secrets) {
        const opened = decryptV2PerSpec(file, secret);
        expect(Buffer.from(opened.fileKey).toString('hex')).toBe(vector.fileKeyHex);
        expect(opened.metadata).toEqual(vector.metadata);
        expect(opened.headerLength).toBe(vector.headerLength);
        expect(opened.frames).toBe(vector.frameCount);
        expect(opened.paddedLength).toBe(vector.paddedLength);
        expect(opened.payload.length).toBe(vector.metadata.plaintextSize);
        expect(createHash('sha256').update(opened.payload).digest('hex')).toBe(
          vector.metadata.plaintextSha256,
        );
        if (vector.plaintextUtf8 !== undefined)
          expect(opened.payload.toString('utf8')).toBe(vector.plaintextUtf8);
      }
      if (vector.secrets.recoveryCode !== undefined) {
        expect(Buffer.from(recoveryCodeBytes(vector.secrets.recoveryCode)).toString('hex')).toBe(
          vector.secrets.recoveryCodeHex,
        );
      }
    }
  });

  it('rejects what the document says to reject', async () => {
    const all = vectors.find((v) => v.file === 'v2-all-slots.nvbak')!;
    const good = await readFile(join(VECTORS, all.file));
    const [passkey, code, device] = secretsOf(all) as [Secret, Secret, Secret];
    const changed = (at: number, value: number): Buffer => {
      const copy = Buffer.from(good);
      copy[at] = value;
      return copy;
    };
    const flip = (at: number): Buffer => changed(at, good[at]! ^ 1);
    const codeText = (code as { typed: string }).typed;
    const cases: [Buffer, Secret, Category][] = [
      [flip(0), passkey, 'NOT_A_BACKUP'],
      [changed(8, 3), passkey, 'BACKUP_UNSUPPORTED'],
      [changed(10, 1), passkey, 'BACKUP_UNSUPPORTED'],
      [changed(39, 1), passkey, 'BACKUP_DAMAGED'],
      [good.subarray(0, 100), passkey, 'BACKUP_DAMAGED'],
      // A key id byte of the passkey slot: the passkey is "not the one"; the others find the MAC wrong.
      [flip(44), passkey, 'WRONG_PASSKEY'],
      [flip(44), device, 'BACKUP_DAMAGED'],
      [flip(all.headerLength - 1), code, 'BACKUP_DAMAGED'],
      [flip(all.headerLength + 10), device, 'BACKUP_DAMAGED'],
      [flip(good.length - 1), code, 'BACKUP_DAMAGED'],
      [good.subarray(0, good.length - 1), passkey, 'BACKUP_DAMAGED'],
      [Buffer.concat([good, Buffer.alloc(1)]), passkey, 'BACKUP_DAMAGED'],
      [good, { kind: 'passkey', passkey: 'Correct horse battery staple' }, 'WRONG_PASSKEY'],
      [good, { kind: 'device', secretKey: new Uint8Array(32).fill(7) }, 'KEY_MISMATCH'],
      // One symbol changed: its group's check symbol catches it before any key work.
      [
        good,
        { kind: 'recovery-code', typed: (codeText[0] === 'A' ? 'B' : 'A') + codeText.slice(1) },
        'CODE_MISTYPED',
      ],
    ];
    for (const [file, secret, category] of cases) {
      expect(() => decryptV2PerSpec(file, secret)).toThrow(expect.objectContaining({ category }));
    }
    // A typed code in lower case with O for 0 and spaces still reads.
    expect(() =>
      decryptV2PerSpec(good, {
        kind: 'recovery-code',
        typed: codeText.toLowerCase().replace(/0/g, 'o').replace(/-/g, ' - '),
      }),
    ).not.toThrow();
    // Only ASCII a-z is uppercased: a dotless i (U+0131, "I" in toUpperCase) is not read as 1.
    expect(codeText).toContain('1');
    expect(() =>
      decryptV2PerSpec(good, { kind: 'recovery-code', typed: codeText.replace('1', '\u0131') }),
    ).toThrow(expect.objectContaining({ category: 'CODE_MISTYPED' }));
    const passkeyOnly = await readFile(join(VECTORS, 'v2-passkey-only.nvbak'));
    expect(() => decryptV2PerSpec(passkeyOnly, code)).toThrow(
      expect.objectContaining({ category: 'WRONG_RECOVERY_CODE' }),
    );
  });

  it("rejects authentic metadata that breaks section 7's rules", async () => {
    const all = vectors.find((v) => v.file === 'v2-all-slots.nvbak')!;
    const good = await readFile(join(VECTORS, all.file));
    const device = secretsOf(all).find((s) => s.kind === 'device')!;
    const { fileKey, payload, metadata } = decryptV2PerSpec(good, device);
    const remade = (changes: Record<string, unknown>): Buffer =>
      withMetadata(good, all.headerLength, fileKey, payload, { ...metadata, ...changes });
    // Made again within the rules, the file opens: only the broken rule refuses the others.
    expect(decryptV2PerSpec(remade({ appVersion: 'x'.repeat(64), noteCount: 0 }), device).payload).toEqual(
      payload,
    );
    for (const changes of [
      { appVersion: '' },
      { appVersion: 'x'.repeat(65) },
      { noteCount: -1 },
      { schemaVersion: -1 },
    ]) {
      expect(() => decryptV2PerSpec(remade(changes), device), JSON.stringify(changes)).toThrow(
        expect.objectContaining({
          category: 'BACKUP_DAMAGED',
          message: expect.stringContaining('metadata fields') as unknown,
        }),
      );
    }
  });
});
