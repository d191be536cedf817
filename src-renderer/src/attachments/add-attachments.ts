import { NoteVaultError } from '../../../src-shared/errors';
import { ATTACHMENT_LIMITS, attachmentTooLargeMessage } from '../../../src-shared/attachments';
import type { NotevaultApi } from '../../../src-shared/ipc/client';

export interface AddedAttachments {
  /** The Markdown for every file stored, in order, one per line: what to insert at the cursor. */
  markdown: string;
  /** One sentence per file that was not stored (too large, empty, refused by main). */
  refused: string[];
}

/**
 * Stores pasted or dropped files in main, one at a time (each may be 10 MiB), and returns the
 * Markdown that refers to them. A file over the cap is refused here with main's own sentence
 * before its bytes are read or sent; main checks again whatever arrives.
 */
export async function addAttachments(
  api: Pick<NotevaultApi['attachments'], 'add'>,
  files: readonly File[],
): Promise<AddedAttachments> {
  const markdown: string[] = [];
  const refused: string[] = [];
  for (const file of files) {
    const fileName = file.name || 'attachment';
    if (file.size > ATTACHMENT_LIMITS.maxBytes) {
      refused.push(attachmentTooLargeMessage(fileName, file.size));
      continue;
    }
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      const added = await api.add({ data, fileName, mediaType: file.type });
      markdown.push(added.markdown);
    } catch (error) {
      refused.push(error instanceof NoteVaultError ? error.message : `“${fileName}” could not be attached.`);
    }
  }
  return { markdown: markdown.join('\n'), refused };
}

/** The files a paste or drop carries (none for plain text): what addAttachments takes. */
export function filesOf(transfer: Pick<DataTransfer, 'files'> | null): File[] {
  return transfer ? [...transfer.files] : [];
}

/** The refusals as one error for the window's error alert, or null when every file was added. */
export function refusalError(refused: readonly string[]): NoteVaultError | null {
  if (refused.length === 0) return null;
  return new NoteVaultError('VALIDATION', refused.join(' '));
}
