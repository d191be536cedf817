// Writes a macOS .icns container: the magic 'icns', the total length, then chunks of
// (4-byte type, 4-byte length including these 8 bytes, data), all big-endian. Every chunk
// here holds a PNG, which macOS reads for all of these types since 10.7. Written by hand
// for the same reason as ico-writer.mjs (sharp renders, but does not write ICNS).

/** Chunk type -> pixel size of its PNG. The @2x types serve Retina displays. */
export const ICNS_PNG_TYPES = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024, // 512@2x
  ic11: 32, // 16@2x
  ic12: 64, // 32@2x
  ic13: 256, // 128@2x
  ic14: 512, // 256@2x
};

const CHUNK_HEADER_BYTES = 8;

/**
 * @param {{ type: string, png: Buffer }[]} chunks
 * @returns {Buffer}
 */
export function encodeIcns(chunks) {
  const encoded = chunks.map(({ type, png }) => {
    if (!(type in ICNS_PNG_TYPES)) throw new Error(`"${type}" is not an ICNS PNG chunk type.`);
    const header = Buffer.alloc(CHUNK_HEADER_BYTES);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(CHUNK_HEADER_BYTES + png.length, 4);
    return Buffer.concat([header, png]);
  });
  const fileHeader = Buffer.alloc(CHUNK_HEADER_BYTES);
  fileHeader.write('icns', 0, 'latin1');
  fileHeader.writeUInt32BE(CHUNK_HEADER_BYTES + encoded.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([fileHeader, ...encoded]);
}
