import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { attachmentSizeProblem } from './import-limits';
import type { ImportedAttachment } from './imported-note';
import { describeReadFailure } from './read-failure';

export type AttachmentFileResult =
  | { kind: 'attachment'; attachment: ImportedAttachment }
  | { kind: 'missing' }
  | { kind: 'refused'; reason: string };

/**
 * Reads a file a note refers to, as an attachment, only when it lies inside the imported folder
 * (`realRoot`, already resolved through links) and is reached without any symbolic link: a note
 * from an untrusted export cannot pull in ~/.ssh/id_ed25519 with `![](../../.ssh/id_ed25519)` or
 * through a link planted in the folder. The size is checked before a byte is read.
 */
export function readAttachmentFile(realRoot: string, absolute: string): AttachmentFileResult {
  const relative = path.relative(realRoot, absolute);
  if (
    relative === '' ||
    relative.startsWith(`..${path.sep}`) ||
    relative === '..' ||
    path.isAbsolute(relative)
  ) {
    return {
      kind: 'refused',
      reason: 'it is outside the imported folder, and import reads nothing outside it',
    };
  }
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(absolute);
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    return { kind: 'refused', reason: `could not be read: ${describeReadFailure(error)}` };
  }
  if (stats.isSymbolicLink())
    return { kind: 'refused', reason: 'it is a symbolic link; links are not followed' };
  if (!stats.isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
  const name = path.basename(absolute);
  const tooLarge = attachmentSizeProblem(name, stats.size);
  if (tooLarge !== null) return { kind: 'refused', reason: tooLarge };

  let bytes: Buffer;
  try {
    // A link in a parent folder would make the real path differ from the one asked for.
    if (fs.realpathSync(absolute) !== path.join(realRoot, relative)) {
      return { kind: 'refused', reason: 'it is reached through a symbolic link; links are not followed' };
    }
    bytes = readNoFollow(absolute, stats);
  } catch (error) {
    return { kind: 'refused', reason: `could not be read: ${describeReadFailure(error)}` };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { kind: 'attachment', attachment: { name, bytes, sha256 } };
}

/** Opens without following a final link and checks the handle is the file looked at. */
function readNoFollow(file: string, looked: fs.Stats): Buffer {
  const { O_RDONLY, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(file, O_NOFOLLOW === undefined ? O_RDONLY : O_RDONLY | O_NOFOLLOW);
  try {
    const opened = fs.fstatSync(fd);
    if (opened.dev !== looked.dev || opened.ino !== looked.ino || opened.size !== looked.size) {
      throw new Error('the file changed while it was being imported');
    }
    const bytes = Buffer.alloc(opened.size);
    let offset = 0;
    while (offset < bytes.length) {
      const read = fs.readSync(fd, bytes, offset, bytes.length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return bytes.subarray(0, offset);
  } finally {
    fs.closeSync(fd);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
