import type { RetentionPreviewService } from '../app/retention-preview-service';
import type { IpcHandlers } from './router';

type RetentionHandlers = Pick<IpcHandlers, 'backups:retentionPreview'>;

/** backups:retentionPreview: the destination is named by its id; main finds its folder in the settings. */
export function createRetentionHandlers(retention: RetentionPreviewService): RetentionHandlers {
  return {
    'backups:retentionPreview': ({ destinationId }) => retention.preview(destinationId),
  };
}
