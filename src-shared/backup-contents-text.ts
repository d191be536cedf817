import { formatBytes, formatCount } from './format';
import type { BackupContents } from './ipc/contract-backup';

const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/**
 * What a backup holds besides its notes, which a restore brings back too: "3 tags, 2 attachments
 * (1.2 MB), and 40 kept versions"; parts of zero left out, null when there is nothing. One
 * wording for the restore preview in the window and the command line's restore report.
 */
export function describeAlsoInside({
  tags,
  attachments,
  attachmentBytes,
  versions,
}: BackupContents): string | null {
  const parts = [
    tags > 0 ? formatCount(tags, 'tag') : null,
    attachments > 0 ? `${formatCount(attachments, 'attachment')} (${formatBytes(attachmentBytes)})` : null,
    versions > 0 ? formatCount(versions, 'kept version') : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? null : list.format(parts);
}
