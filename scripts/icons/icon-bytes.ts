// Readers for the committed icon files, written from the format specifications rather than
// shared with the writers in this folder, so a writer's mistake is not mirrored here.
import { inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS_BY_COLOUR_TYPE: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

function pngChunks(bytes: Buffer): { type: string; data: Buffer }[] {
  if (!isPng(bytes)) throw new Error('not a PNG: the 8-byte signature is missing');
  const chunks: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length; // length, type, data, CRC
    if (type === 'IEND') break;
  }
  return chunks;
}

/** IHDR is the first chunk: width and height as 32-bit big-endian, then depth and colour type. */
export function readPngHeader(bytes: Buffer): PngHeader {
  const ihdr = pngChunks(bytes)[0];
  if (ihdr?.type !== 'IHDR') throw new Error('PNG does not start with an IHDR chunk');
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data.readUInt8(8),
    colourType: ihdr.data.readUInt8(9),
    interlace: ihdr.data.readUInt8(12),
  };
}

/** Decodes an 8-bit, non-interlaced PNG to its raw samples, row by row (PNG spec, section 9). */
export function decodePng(bytes: Buffer): PngHeader & { channels: number; samples: Buffer } {
  const header = readPngHeader(bytes);
  const channels = CHANNELS_BY_COLOUR_TYPE[header.colourType];
  if (channels === undefined || header.bitDepth !== 8 || header.interlace !== 0) {
    throw new Error(`unsupported PNG: colour type ${header.colourType}, depth ${header.bitDepth}`);
  }
  const idat = Buffer.concat(
    pngChunks(bytes)
      .filter((chunk) => chunk.type === 'IDAT')
      .map((chunk) => chunk.data),
  );
  const filtered = inflateSync(idat);
  const stride = header.width * channels;
  const samples = Buffer.alloc(stride * header.height);
  for (let y = 0; y < header.height; y += 1) {
    const filter = filtered[y * (stride + 1)];
    const row = filtered.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const left = x >= channels ? samples[y * stride + x - channels]! : 0;
      const up = y > 0 ? samples[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= channels ? samples[(y - 1) * stride + x - channels]! : 0;
      samples[y * stride + x] = (row[x]! + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return { ...header, channels, samples };
}

function predict(filter: number | undefined, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`unknown PNG row filter ${String(filter)}`);
  }
}

export interface IcoEntry {
  /** From the directory entry, where 0 stands for 256. */
  width: number;
  height: number;
  bitCount: number;
  payload: Buffer;
}

/** ICONDIR (reserved 0, type 1, count) then one 16-byte ICONDIRENTRY per image, little-endian. */
export function readIcoEntries(bytes: Buffer): IcoEntry[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const at = 6 + index * 16;
    const size = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    if (offset + size > bytes.length) throw new Error(`ICO image ${index} runs past the end of the file`);
    return {
      width: bytes.readUInt8(at) || 256,
      height: bytes.readUInt8(at + 1) || 256,
      bitCount: bytes.readUInt16LE(at + 6),
      payload: bytes.subarray(offset, offset + size),
    };
  });
}

/** The size an ICO image's own header declares: PNG's IHDR, or the DIB's BITMAPINFOHEADER. */
export function icoPayloadSize(payload: Buffer): { width: number; height: number; format: 'png' | 'dib' } {
  if (isPng(payload)) {
    const { width, height } = readPngHeader(payload);
    return { width, height, format: 'png' };
  }
  if (payload.readUInt32LE(0) !== 40) throw new Error('ICO image is neither PNG nor a BITMAPINFOHEADER DIB');
  // A DIB inside an ICO declares twice its height: the colour image plus the AND mask.
  return { width: payload.readInt32LE(4), height: payload.readInt32LE(8) / 2, format: 'dib' };
}

/** 'icns', total length, then (type, length including its 8-byte header, data) chunks, big-endian. */
export function readIcnsChunks(bytes: Buffer): { type: string; data: Buffer }[] {
  if (bytes.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  if (bytes.readUInt32BE(4) !== bytes.length) throw new Error('ICNS length field does not match the file');
  const chunks: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8 || at + length > bytes.length) throw new Error(`ICNS chunk at ${at} has a bad length`);
    chunks.push({ type: bytes.toString('latin1', at, at + 4), data: bytes.subarray(at + 8, at + length) });
    at += length;
  }
  return chunks;
}
