/**
 * Restore drills: the last verified restore, drills that failed (naming the file and what
 * failed), the newest backup not yet drilled, and drills overdue by their schedule.
 *
 * "Not drilled yet" is a warning only once the schedule should have drilled it (the newest
 * backup is older than one drill interval) or drills are off; before that it is fine, with the
 * button to test it now, so a fresh backup does not turn the tray red until the next drill.
 * Overdue follows the backups' rule: two missed drills, not one (a laptop is often closed).
 */
import { drillText } from '../../src-shared/drill-text';
import { formatAgo, formatDateTime } from '../../src-shared/format';
import type { HealthItem } from '../../src-shared/ipc/contract-health';
import { drillInterval } from '../../src-shared/settings';
import { DRILL_INTERVAL_MS } from '../drills/drill-timing';
import { newestFirst } from './destination-rules';
import { healthAction } from './health-actions';
import type { CatalogueFact, DrillFact, HealthInput } from './health-input';

const TITLE = 'Restore test';

interface Drilled {
  entry: CatalogueFact;
  destinationId: string;
  drill: DrillFact;
}

export function drillItems(input: HealthInput, now: number): HealthItem[] {
  if (input.catalogue === null || input.catalogue.length === 0) return [];
  const entries = newestFirst(input.catalogue);
  const drills: Drilled[] = entries
    .flatMap((entry) =>
      Object.entries(entry.copies).flatMap(([destinationId, copy]) =>
        copy.lastDrill ? [{ entry, destinationId, drill: copy.lastDrill }] : [],
      ),
    )
    .sort((a, b) => b.drill.at - a.drill.at);
  const schedule = drillInterval(input.settings);
  const runDrill = input.can.runDrill ? healthAction('run-drill') : undefined;
  const items: HealthItem[] = [];

  for (const { entry, destinationId, drill } of drills) {
    if (drill.ok) continue;
    items.push({
      id: `drill-failed:${destinationId}:${entry.name}`,
      severity: 'problem',
      title: 'Restore test failed',
      message: drill.message ?? `The restore test of "${entry.name}" failed: make a new backup now.`,
      ...(drill.details === undefined ? {} : { details: drill.details }),
      // A backup that does not restore is replaced by a new one, not tested again.
      action: healthAction('back-up-now'),
    });
  }

  const lastGood = drills.find(({ drill }) => drill.ok);
  if (lastGood) {
    items.push({
      id: 'drill-last',
      severity: 'ok',
      title: TITLE,
      message: `${drillText(lastGood.drill, now)}.`,
    });
  }

  const newest = entries[0]!;
  const newestDrilled = Object.values(newest.copies).some((copy) => copy.lastDrill !== undefined);
  if (!newestDrilled) {
    const age = now - Date.parse(newest.createdAt);
    const due = schedule === 'off' || age > DRILL_INTERVAL_MS[schedule];
    // Unattended drills use the device key: a backup it does not open is tested from Settings,
    // where "Test a restore now" asks for the passkey.
    const action = newest.openWithDevice ? runDrill : healthAction('open-settings');
    items.push({
      id: 'drill-newest-untested',
      severity: due ? 'warning' : 'ok',
      title: TITLE,
      message:
        `The newest backup (${formatDateTime(newest.createdAt)}) has never been test-restored` +
        (newest.openWithDevice ? ': test it now.' : ': test it in Settings with its passkey.'),
      ...(action ? { action } : {}),
    });
  }

  const last = drills[0];
  if (schedule !== 'off' && last && now - last.drill.at > 2 * DRILL_INTERVAL_MS[schedule]) {
    items.push({
      id: 'drill-overdue',
      severity: 'warning',
      title: TITLE,
      message: `The last restore test was ${formatAgo(last.drill.at, now)}, but restore tests are scheduled ${schedule}: test a restore now.`,
      ...(runDrill ? { action: runDrill } : {}),
    });
  }
  return items;
}
