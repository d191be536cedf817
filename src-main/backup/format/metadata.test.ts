import { describe, expect, it } from 'vitest';
import {
  assertMetadataPlausible,
  decodeMetadata,
  encodeMetadata,
  payloadCapacity,
  storedPayloadSize,
} from './metadata';
import type { BackupMetadata } from './metadata';
import { expectThrows } from '../../../test/main/backup/format/test-support';

const sample: BackupMetadata = {
  formatVersion: 1,
  appVersion: '1.2.3',
  schemaVersion: 4,
  createdAt: '2025-06-01T12:00:00.000Z',
  noteCount: 12,
  plaintextSize: 4096,
  plaintextSha256: 'ab'.repeat(32),
  kind: 'before-restore',
};

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('metadata', () => {
  it('encodes as compact UTF-8 JSON with the documented member order and decodes back', () => {
    const bytes = encodeMetadata({ ...sample });
    expect(new TextDecoder().decode(bytes)).toBe(
      '{"formatVersion":1,"appVersion":"1.2.3","schemaVersion":4,"createdAt":"2025-06-01T12:00:00.000Z",' +
        `"noteCount":12,"plaintextSize":4096,"plaintextSha256":"${'ab'.repeat(32)}","kind":"before-restore"}`,
    );
    expect(decodeMetadata(bytes, 'b', 68, 1)).toEqual(sample);
  });

  it('encodes an optional manifest last and decodes it back; files without one encode as before', () => {
    const manifest = {
      notes: 12,
      attachments: 2,
      notesDigest: '0c'.repeat(32),
      attachmentsDigest: 'd1'.repeat(32),
    };
    const withManifest = { ...sample, manifest };
    const text = new TextDecoder().decode(encodeMetadata(withManifest));
    expect(text).toBe(
      `${new TextDecoder().decode(encodeMetadata(sample)).slice(0, -1)},"manifest":{"notes":12,"attachments":2,` +
        `"notesDigest":"${'0c'.repeat(32)}","attachmentsDigest":"${'d1'.repeat(32)}"}}`,
    );
    expect(decodeMetadata(utf8(text), 'b', 68, 1)).toEqual(withManifest);
    expect(decodeMetadata(encodeMetadata(sample), 'b', 68, 1)).not.toHaveProperty('manifest');
    for (const bad of [
      { ...manifest, notes: -1 },
      { ...manifest, notesDigest: 'AB'.repeat(32) },
      { notes: 12, attachments: 2 },
    ]) {
      expectThrows(
        () => decodeMetadata(utf8(JSON.stringify({ ...sample, manifest: bad })), 'm.nvbak', 68, 1),
        'BACKUP_DAMAGED',
        /m\.nvbak.*chunk 0 at byte offset 68.*manifest/,
      );
    }
  });

  it('ignores members it does not know', () => {
    expect(decodeMetadata(utf8(JSON.stringify({ ...sample, comment: 'later field' })), 'b', 68, 1)).toEqual(
      sample,
    );
  });

  it('calls undecodable or invalid metadata damage, saying where', () => {
    const bad: [Uint8Array, RegExp][] = [
      [utf8('{"formatVersion":1'), /not valid UTF-8 JSON/],
      [new Uint8Array([0x7b, 0xff, 0x7d]), /not valid UTF-8 JSON/],
      [utf8('[]'), /invalid fields/],
      [utf8(JSON.stringify({ ...sample, kind: 'nightly' })), /kind/],
      [utf8(JSON.stringify({ ...sample, formatVersion: 2 })), /formatVersion/],
      [utf8(JSON.stringify({ ...sample, plaintextSha256: 'AB'.repeat(32) })), /plaintextSha256/],
      [utf8(JSON.stringify({ ...sample, noteCount: -1 })), /noteCount/],
      [utf8(JSON.stringify({ ...sample, createdAt: 'yesterday' })), /createdAt/],
    ];
    for (const [bytes, detail] of bad) {
      expectThrows(
        () => decodeMetadata(bytes, 'm.nvbak', 68, 1),
        'BACKUP_DAMAGED',
        new RegExp(`m\\.nvbak.*chunk 0 at byte offset 68.*${detail.source}`),
      );
    }
  });

  it('reads v2 metadata in a v2 file, and refuses a formatVersion other than the header says', () => {
    const v2 = { ...sample, formatVersion: 2 as const };
    expect(decodeMetadata(encodeMetadata(v2), 'b', 470, 2)).toEqual(v2);
    for (const [metadata, headerVersion] of [
      [sample, 2],
      [v2, 1],
    ] as const) {
      expectThrows(
        () => decodeMetadata(encodeMetadata(metadata), 'm.nvbak', 470, headerVersion),
        'BACKUP_DAMAGED',
        `says formatVersion ${metadata.formatVersion}, but the header says format version ${headerVersion}`,
      );
    }
    expectThrows(
      () => decodeMetadata(utf8(JSON.stringify({ ...sample, formatVersion: 3 })), 'm.nvbak', 470, 2),
      'BACKUP_DAMAGED',
      /invalid fields.*formatVersion/,
    );
  });

  it('checks a v2 payload with its padding against the file, naming the metadata frame offset', () => {
    expect(storedPayloadSize(1, 129)).toBe(129);
    expect(storedPayloadSize(2, 129)).toBe(144);
    const where = { fileLabel: 'p.nvbak', metadataOffset: 402, dataStart: 700, fileSize: 700 + 21 + 129 };
    expect(() =>
      assertMetadataPlausible({ ...sample, noteCount: 0, plaintextSize: 129 }, where),
    ).not.toThrow();
    expectThrows(
      () => assertMetadataPlausible({ ...sample, formatVersion: 2, noteCount: 0, plaintextSize: 129 }, where),
      'BACKUP_DAMAGED',
      'metadata (chunk 0 at byte offset 402) records 129 bytes of data (144 with its padding), but the file ends at byte offset 850, which leaves room for at most 129 bytes',
    );
  });

  it('refuses to write invalid metadata', () => {
    expectThrows(() => encodeMetadata({ ...sample, plaintextSize: -5 }), 'VALIDATION');
  });

  it('bounds the payload by the bytes after the metadata, less 21 bytes per frame of at most 1 MiB', () => {
    const frame = 4 + 17;
    const full = 1024 * 1024;
    expect(payloadCapacity(0)).toBeLessThan(0);
    expect(payloadCapacity(frame - 1)).toBeLessThan(0);
    expect(payloadCapacity(frame)).toBe(0);
    expect(payloadCapacity(frame + 100)).toBe(100);
    expect(payloadCapacity(frame + full)).toBe(full);
    // One byte more needs a second frame, whose overhead eats into the room.
    expect(payloadCapacity(frame + full + 1)).toBe(full + 1 - frame);
    expect(payloadCapacity(3 * (frame + full))).toBe(3 * full);
  });
});
