// Writes a Windows .ico container. sharp renders the pixels but cannot write ICO, and the
// npm ICO writers either pin an older sharp or pull unrelated dependencies; the format is
// a 6-byte header, 16-byte directory entries and the images, so it is written here.
//
// Entries below 256 px are 32-bit DIBs (BGRA plus a 1-bit AND mask), the layout every
// Windows component reads (the shell, rcedit, NSIS's installer icon); 256 px is PNG, as
// Windows has accepted since Vista and as keeps the file small.

const HEADER_BYTES = 6;
const DIRECTORY_ENTRY_BYTES = 16;
const BITMAPINFOHEADER_BYTES = 40;

/**
 * @param {{ size: number, rgba: Buffer, png: Buffer }[]} images square images, straight
 *   (not premultiplied) RGBA rows top to bottom, and the same image as PNG
 * @returns {Buffer}
 */
export function encodeIco(images) {
  const payloads = images.map((image) => {
    if (!Number.isInteger(image.size) || image.size < 1 || image.size > 256) {
      throw new Error(`An ICO image must be 1-256 px square, not ${image.size} px.`);
    }
    if (image.rgba.length !== image.size * image.size * 4) {
      throw new Error(`The ${image.size} px ICO image needs ${image.size * image.size * 4} RGBA bytes.`);
    }
    return image.size === 256 ? image.png : encodeDib(image.size, image.rgba);
  });

  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1: icon (2 would be a cursor)
  header.writeUInt16LE(images.length, 4);

  const directory = Buffer.alloc(DIRECTORY_ENTRY_BYTES * images.length);
  let offset = HEADER_BYTES + directory.length;
  images.forEach((image, index) => {
    const at = index * DIRECTORY_ENTRY_BYTES;
    const payload = payloads[index];
    directory.writeUInt8(image.size === 256 ? 0 : image.size, at); // 0 means 256
    directory.writeUInt8(image.size === 256 ? 0 : image.size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3); // reserved
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(payload.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += payload.length;
  });

  return Buffer.concat([header, directory, ...payloads]);
}

/** A DIB as stored in an ICO: the height field counts the XOR image and the AND mask. */
function encodeDib(size, rgba) {
  const maskRowBytes = Math.ceil(size / 32) * 4; // 1 bit per pixel, rows padded to 32 bits
  const info = Buffer.alloc(BITMAPINFOHEADER_BYTES);
  info.writeUInt32LE(BITMAPINFOHEADER_BYTES, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8);
  info.writeUInt16LE(1, 12); // planes
  info.writeUInt16LE(32, 14); // bits per pixel
  info.writeUInt32LE(0, 16); // BI_RGB: uncompressed
  info.writeUInt32LE(size * size * 4 + maskRowBytes * size, 20);

  // Rows bottom to top, pixels as BGRA.
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskRowBytes * size);
  for (let y = 0; y < size; y += 1) {
    const targetRow = size - 1 - y;
    for (let x = 0; x < size; x += 1) {
      const from = (y * size + x) * 4;
      const to = (targetRow * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
      // Readers that ignore alpha fall back to the mask: 1 marks a transparent pixel.
      if (rgba[from + 3] === 0) mask[targetRow * maskRowBytes + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([info, pixels, mask]);
}
