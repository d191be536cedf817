import type { AttachmentService } from '../app/attachment-service';
import type { IpcHandlers } from './router';

type AttachmentsHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `attachments:${string}`>>;

/** The `attachments:*` channels; who may read what is the service's rule (attachment-service.ts). */
export function createAttachmentsHandlers(attachments: AttachmentService): AttachmentsHandlers {
  return {
    'attachments:add': (input) => attachments.add(input),
    'attachments:info': ({ sha256 }) => attachments.info(sha256),
    'attachments:read': ({ sha256 }) => attachments.read(sha256),
    'attachments:saveCopy': ({ sha256 }) => attachments.saveCopy(sha256),
  };
}
