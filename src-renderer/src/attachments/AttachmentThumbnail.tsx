import './attachments.css';
import { useAttachment } from './useAttachment';

/**
 * A small picture of a note's first image for its entry in the note list; nothing while it
 * loads, or when the bytes are missing or not an image. Decorative: the entry's title names it.
 */
export function AttachmentThumbnail({ sha256 }: { sha256: string }) {
  const state = useAttachment(sha256);
  if (state.status !== 'ready' || state.attachment.url === null) return null;
  return <img className="attachment-thumbnail" src={state.attachment.url} alt="" />;
}
