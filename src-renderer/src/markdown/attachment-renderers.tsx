import { createContext, useContext } from 'react';
import type { ComponentType, ReactNode } from 'react';

/**
 * How the reading view draws what a note refers to as `attachment:<sha256>`
 * (src-shared/attachment-ref.ts). The attachments feature provides the real components
 * through AttachmentRenderersProvider; without it an image shows its alternative text and a
 * file its name, each in a chip, so a note never breaks for want of the bytes.
 */
export interface AttachmentImageProps {
  /** The lower-case hex SHA-256 the note names; the only handle on the bytes. */
  sha256: string;
  /** The image's alternative text (may be empty). */
  alt: string;
  title: string | null;
}

export interface AttachmentFileProps {
  sha256: string;
  /** The link's text as rendered (usually the file's name). */
  children: ReactNode;
}

export interface AttachmentRenderers {
  Image: ComponentType<AttachmentImageProps>;
  File: ComponentType<AttachmentFileProps>;
}

function PlaceholderImage({ alt }: AttachmentImageProps) {
  return <span className="md-attachment-chip">{alt === '' ? 'Image' : alt}</span>;
}

function PlaceholderFile({ children }: AttachmentFileProps) {
  return <span className="md-attachment-chip">{children}</span>;
}

export const PLACEHOLDER_ATTACHMENTS: AttachmentRenderers = {
  Image: PlaceholderImage,
  File: PlaceholderFile,
};

const AttachmentRenderersContext = createContext<AttachmentRenderers>(PLACEHOLDER_ATTACHMENTS);

/** Wrap the reading view (or the whole app) in this to draw attachments for real. */
export const AttachmentRenderersProvider = AttachmentRenderersContext.Provider;

export function useAttachmentRenderers(): AttachmentRenderers {
  return useContext(AttachmentRenderersContext);
}
