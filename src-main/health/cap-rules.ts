/**
 * Disk-cap pressure per destination: over its cap even after clean-up (only backups that are
 * never pruned remain: retention's overCap), or close to it (at least CAP_WARNING_RATIO of it).
 */
import { formatBytes } from '../../src-shared/format';
import type { HealthItem } from '../../src-shared/ipc/contract-health';
import { backupDestinations } from '../../src-shared/settings';
import { retentionCapBytes } from '../schedule/retention';
import { destinationTitle } from './destination-rules';
import { healthAction } from './health-actions';
import type { HealthInput } from './health-input';

export const CAP_WARNING_RATIO = 0.9;

export function capItems(input: HealthInput): HealthItem[] {
  return backupDestinations(input.settings).flatMap((destination): HealthItem[] => {
    const capBytes = retentionCapBytes(destination.retention);
    if (capBytes === null) return [];
    const plan = input.retention?.find((r) => r.destinationId === destination.id);
    const used =
      input.destinations?.find((d) => d.id === destination.id)?.usageBytes ?? plan?.keptBytes ?? null;
    const base = { title: destinationTitle(destination), action: healthAction('review-retention') };
    if (plan?.overCap) {
      // Only backups retention never deletes are left, so keeping fewer cannot help.
      return [
        {
          id: `cap-over:${destination.id}`,
          severity: 'problem',
          ...base,
          message: `The backups NoteVault must keep in ${destination.folder} take ${formatBytes(plan.keptBytes)}, more than its ${formatBytes(capBytes)} cap, and clean-up never deletes them: raise the cap, or free space on that drive.`,
        },
      ];
    }
    if (used !== null && used >= capBytes * CAP_WARNING_RATIO) {
      return [
        {
          id: `cap-near:${destination.id}`,
          severity: 'warning',
          ...base,
          message: `The backups in ${destination.folder} take ${formatBytes(used)} of its ${formatBytes(capBytes)} cap: review what the next clean-up removes.`,
        },
      ];
    }
    return [];
  });
}
