import { backupDestinations } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import type { RetentionFact } from './health-input';
import type { HealthSource } from './health-service';

/**
 * Retention's plan for each destination that has a size cap (the same preview the backups
 * view shows): the disk-cap rules read its kept bytes and overCap. A destination that cannot
 * be listed now is left out; the destination rules already say it is missing.
 */
export function cappedRetentionSource(
  settings: { get(): Readonly<Settings> },
  preview: (destinationId: string) => Promise<RetentionFact>,
): HealthSource<readonly RetentionFact[]> {
  return {
    read: async () => {
      const capped = backupDestinations(settings.get()).filter(
        (destination) => typeof destination.retention.capMegabytes === 'number',
      );
      const plans = await Promise.all(capped.map((d) => preview(d.id).catch(() => null)));
      return plans.filter((plan) => plan !== null);
    },
  };
}
