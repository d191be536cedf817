/**
 * INTERIM, until the attachments repository (helper C) sniffs types itself: an image's type comes
 * from its first bytes, never from the name or the source's claim (a .png that is really HTML
 * must not be drawn as an image). Anything else keeps the claimed type, else one guessed from the
 * extension, else application/octet-stream.
 */
export function sniffMediaType(bytes: Uint8Array, name: string, claimed: string | undefined): string {
  const image = sniffImage(bytes);
  if (image !== null) return image;
  if (claimed !== undefined && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i.test(claimed) && !claimed.startsWith('image/'))
    return claimed.toLowerCase();
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  return (extension !== undefined ? BY_EXTENSION[extension] : undefined) ?? 'application/octet-stream';
}

function sniffImage(b: Uint8Array): string | null {
  const starts = (...bytes: number[]): boolean => bytes.every((value, i) => b[i] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50)
    return 'image/webp';
  return null;
}

// Types that are never drawn inline, so a wrong guess costs nothing but the chip's label.
const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  svg: 'application/octet-stream',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
