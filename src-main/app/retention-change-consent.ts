/**
 * A retention change from the window (settings:update's `retention` or `destinationRetention`)
 * that would make a destination's next clean-up delete backups its current policy keeps waits
 * for main's own dialog, which says how many and how many bytes (the retention preview's plan,
 * under the old and the new policy). Otherwise one message from a script in the window could set
 * a small cap and keepLast 1 and the next run would delete every unprotected backup. A "no"
 * changes nothing and answers CANCELLED; a change that deletes nothing more is not asked about.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { formatBytes, formatCount } from '../../src-shared/format';
import { applySettingsPatch, backupDestinations } from '../../src-shared/settings';
import type { BackupDestination, RetentionPolicy, Settings, SettingsPatch } from '../../src-shared/settings';
import { retentionCapBytes } from '../schedule/retention';
import type { Dialogs } from './dialogs';
import type { RetentionPreviewService } from './retention-preview-service';

export interface RetentionChangeConsentDeps {
  settings: { get(): Readonly<Settings> };
  preview: Pick<RetentionPreviewService, 'previewPolicy'>;
  dialogs: Pick<Dialogs, 'confirm'>;
}

/** What the new policy deletes in one destination that the current one keeps. */
interface Loss {
  folder: string;
  /** Null: the folder cannot be read now (an unplugged drive), and the new policy is stricter. */
  count: number | null;
  bytes: number;
}

export class RetentionChangeConsent {
  constructor(private readonly deps: RetentionChangeConsentDeps) {}

  /** Resolves when the change may be saved; throws CANCELLED when the person said no. */
  async confirm(patch: SettingsPatch): Promise<void> {
    if (patch.retention === undefined && patch.destinationRetention === undefined) return;
    const current = this.deps.settings.get();
    // Throws for a destination no longer in Settings, as saving the patch would.
    const next = backupDestinations(applySettingsPatch(current, patch));
    const losses: Loss[] = [];
    for (const before of backupDestinations(current)) {
      const after = next.find((destination) => destination.id === before.id);
      if (after === undefined || samePolicy(before.retention, after.retention)) continue;
      const loss = await this.lossIn(before, after.retention);
      if (loss.count !== 0) losses.push(loss);
    }
    if (losses.length === 0) return;
    const known = losses.filter((loss) => loss.count !== null);
    const count = known.reduce((total, loss) => total + (loss.count ?? 0), 0);
    const bytes = known.reduce((total, loss) => total + loss.bytes, 0);
    const agreed = await this.deps.dialogs.confirm({
      message:
        count > 0
          ? `Delete ${formatCount(count, 'backup')} at the next clean-up?`
          : 'Keep fewer backups from now on?',
      detail: [
        count > 0
          ? `With this setting the next clean-up deletes ${formatCount(count, 'backup')} (${formatBytes(bytes)}) that NoteVault keeps now: ${known.map((loss) => `${formatCount(loss.count ?? 0, 'backup')} in ${loss.folder}`).join(', ')}.`
          : '',
        ...losses
          .filter((loss) => loss.count === null)
          .map(
            (loss) =>
              `${loss.folder} cannot be reached now, so NoteVault cannot count them there; its next clean-up keeps fewer backups than it does now.`,
          ),
        'Deleted backups cannot be brought back.',
      ]
        .filter((sentence) => sentence !== '')
        .join(' '),
      confirmLabel: 'Keep fewer backups',
    });
    if (!agreed) {
      throw new NoteVaultError(
        'CANCELLED',
        'The setting was not changed, so no backup is deleted because of it.',
      );
    }
  }

  private async lossIn(destination: BackupDestination, policy: RetentionPolicy): Promise<Loss> {
    const { preview } = this.deps;
    try {
      // One plan under each policy, with the same verification and clock.
      const now = await preview.previewPolicy(destination);
      const then = await preview.previewPolicy({ ...destination, retention: policy });
      const deletedNow = new Set(now.delete.map((entry) => entry.name));
      const more = then.delete.filter((entry) => !deletedNow.has(entry.name));
      return {
        folder: destination.folder,
        count: more.length,
        bytes: more.reduce((total, entry) => total + entry.size, 0),
      };
    } catch {
      // Its clean-up waits until it can be reached; whether it will delete more cannot be counted.
      return {
        folder: destination.folder,
        count: stricter(destination.retention, policy) ? null : 0,
        bytes: 0,
      };
    }
  }
}

function samePolicy(a: RetentionPolicy, b: RetentionPolicy): boolean {
  return (
    a.keepLast === b.keepLast &&
    a.thinDailyWeekly === b.thinDailyWeekly &&
    retentionCapBytes(a) === retentionCapBytes(b)
  );
}

/** The new policy may keep fewer backups than the current one. */
function stricter(current: RetentionPolicy, next: RetentionPolicy): boolean {
  const capNow = retentionCapBytes(current);
  const capNext = retentionCapBytes(next);
  return (
    next.keepLast < current.keepLast ||
    (current.thinDailyWeekly && !next.thinDailyWeekly) ||
    (capNext !== null && (capNow === null || capNext < capNow))
  );
}
