import { attachmentUrl } from '../../src-shared/attachment-ref';

/**
 * INTERIM, until the attachments module's attachmentMarkdown (helper C) lands: `![text](attachment:<sha>)`
 * for an image, `[text](attachment:<sha>)` for any other file. Brackets and backslashes in the text
 * are escaped so it cannot end the link text early; line breaks become spaces.
 */
export function attachmentMarkdown(text: string, sha256: string, image: boolean): string {
  const label = text.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  return `${image ? '!' : ''}[${label}](${attachmentUrl(sha256)})`;
}
