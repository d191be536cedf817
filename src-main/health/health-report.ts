/**
 * The health report: every rule's items over one set of facts, problems first, and the one
 * line the tray shows. Each rule lives in its own file (backup runs, destinations, drills,
 * disk caps); this file only puts them together.
 */
import { formatAgo } from '../../src-shared/format';
import type { HealthItem, HealthReport, HealthSeverity } from '../../src-shared/ipc/contract-health';
import { backupHealthInput, backupRunItems } from './backup-run-rules';
import { capItems } from './cap-rules';
import { destinationItems } from './destination-rules';
import { drillItems } from './drill-rules';
import { healthAction } from './health-actions';
import type { HealthInput } from './health-input';

const RANK: Record<HealthSeverity, number> = { problem: 0, warning: 1, ok: 2 };

export function healthReport(input: HealthInput, now: number): HealthReport {
  const items = [
    ...folderItems(input),
    ...backupRunItems(backupHealthInput(input.settings.schedule, input.status), now),
    ...drillItems(input, now),
    ...destinationItems(input, now),
    ...capItems(input),
  ];
  // Array.prototype.sort is stable: within a severity, the order above.
  items.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const worst = items[0]?.severity ?? 'ok';
  return { at: now, worst, summary: healthSummary(items, input, now), items };
}

function folderItems(input: HealthInput): HealthItem[] {
  if (input.settings.backupFolder !== null) return [];
  return [
    {
      id: 'backup-folder-missing',
      severity: 'warning',
      title: 'Backup folder',
      message: 'No backup folder is chosen yet: choose one, and NoteVault can back up your notes.',
      action: healthAction('choose-folder'),
    },
  ];
}

/**
 * One line: the worst problem or warning; when all is fine, the last verified restore, else
 * the last backup.
 */
function healthSummary(items: readonly HealthItem[], input: HealthInput, now: number): string {
  const worst = items[0];
  if (worst && worst.severity !== 'ok') return worst.message;
  const restore = items.find((item) => item.id === 'drill-last');
  if (restore) return restore.message;
  const last = input.status.lastSuccess;
  return last === null ? 'No backup yet.' : `Last backup ${formatAgo(last.startedAt, now)}.`;
}
