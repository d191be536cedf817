import type { AttachmentRenderers } from '../markdown/attachment-renderers';
import { AttachmentChip } from './AttachmentChip';
import { AttachmentImage } from './AttachmentImage';

/**
 * The reading view's real attachments (markdown/attachment-renderers.ts is the extension point):
 * an image drawn from its bytes, any other file a chip that saves a copy.
 */
export const ATTACHMENT_RENDERERS: AttachmentRenderers = { Image: AttachmentImage, File: AttachmentChip };
