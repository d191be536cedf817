import './attachments.css';
import { useAttachment } from './useAttachment';
import { AttachmentChip } from './AttachmentChip';

interface AttachmentImageProps {
  sha256: string;
  /** The alt text the note gives the image. */
  alt: string;
  /** The image's title in the Markdown, shown as its tooltip; the file name when it has none. */
  title?: string | null;
}

/**
 * An `![alt](attachment:…)` in the reading view: the image drawn from its bytes, or, when main
 * says the bytes are not an image it draws (SVG, a mislabelled file), a chip to save a copy.
 */
export function AttachmentImage({ sha256, alt, title = null }: AttachmentImageProps) {
  const state = useAttachment(sha256);
  if (state.status === 'loading') {
    return (
      <span className="attachment-placeholder" role="img" aria-label={`${alt || 'Image'} (loading)`}>
        {alt || 'Image'}
      </span>
    );
  }
  if (state.status === 'missing') {
    return (
      <span className="attachment-missing" title={state.message}>
        {alt || 'Image'} (missing)
      </span>
    );
  }
  const { url, info } = state.attachment;
  if (url === null) return <AttachmentChip sha256={sha256}>{alt || info.fileName}</AttachmentChip>;
  return <img className="attachment-image" src={url} alt={alt} title={title ?? info.fileName} />;
}
