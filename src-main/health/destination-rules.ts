/**
 * Per destination: when a backup last reached it (verified there), whether it can be reached,
 * whether its newest copy failed, and whether it lacks the newest backup. The backup folder is
 * written first, so "lacks the newest backup" is asked of the extra destinations only.
 */
import { formatAgo, formatCount } from '../../src-shared/format';
import type { HealthItem } from '../../src-shared/ipc/contract-health';
import { PRIMARY_DESTINATION_ID, backupDestinations } from '../../src-shared/settings';
import type { BackupDestination } from '../../src-shared/settings';
import { healthAction } from './health-actions';
import type { CatalogueFact, CopyFact, HealthInput } from './health-input';

export function destinationTitle(destination: Pick<BackupDestination, 'id'>): string {
  return destination.id === PRIMARY_DESTINATION_ID ? 'Backup folder' : 'Extra destination';
}

/** Newest first, by the time the backup was made. */
export function newestFirst(entries: readonly CatalogueFact[]): CatalogueFact[] {
  return [...entries].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function destinationItems(input: HealthInput, now: number): HealthItem[] {
  const entries = input.catalogue === null ? null : newestFirst(input.catalogue);
  return backupDestinations(input.settings).flatMap((destination) =>
    itemsFor(destination, entries, input, now),
  );
}

function itemsFor(
  destination: BackupDestination,
  entries: CatalogueFact[] | null,
  input: HealthInput,
  now: number,
): HealthItem[] {
  const { id, folder } = destination;
  const title = destinationTitle(destination);
  const items: HealthItem[] = [];
  const catchUp = input.can.catchUp ? healthAction('catch-up') : undefined;
  const copies = (entries ?? []).flatMap((entry) => {
    const copy = entry.copies[id];
    return copy === undefined ? [] : [{ entry, copy }];
  });
  const verified = copies.find(({ copy }) => copy.state === 'verified');
  const seen = input.destinations?.find((d) => d.id === id);
  const reachable = seen?.reachable ?? true;

  if (!reachable) {
    items.push({
      id: `destination-missing:${id}`,
      severity: 'warning',
      title,
      message: `${folder} cannot be reached: plug in its drive or connect to it, or choose another folder; NoteVault copies the missing backups there when it returns.`,
      ...(seen?.problem || seen?.details
        ? { details: [seen.problem, seen.details].filter(Boolean).join('\n') }
        : {}),
      action: healthAction(id === PRIMARY_DESTINATION_ID ? 'choose-folder' : 'open-settings'),
    });
  }
  // A failed copy newer than the last verified one: the newest state of this destination.
  const failed = copies.find(
    ({ entry, copy }) =>
      copy.state === 'failed' && (verified === undefined || isNewer(entry, verified.entry)),
  );
  if (failed) items.push(failedCopyItem(id, title, folder, failed.entry, failed.copy, catchUp));

  const newest = entries?.[0];
  const lacksNewest =
    id !== PRIMARY_DESTINATION_ID &&
    reachable &&
    failed === undefined &&
    newest !== undefined &&
    newest.copies[id]?.state !== 'verified';
  if (lacksNewest) {
    items.push({
      id: `destination-behind:${id}`,
      severity: 'warning',
      title,
      message: `${folder} does not have the newest backup yet: copy the missing backups there now.`,
      ...(catchUp ? { action: catchUp } : {}),
    });
  }

  const lastAt = verified ? Date.parse(verified.entry.createdAt) : primaryLastSuccess(id, input);
  if (lastAt !== null) {
    const notes = verified ? `, ${formatCount(verified.entry.noteCount, 'note')}` : '';
    items.push({
      id: `destination-last:${id}`,
      severity: 'ok',
      title,
      message: `Last backup in ${folder}: ${formatAgo(lastAt, now)}${notes}.`,
    });
  } else if (id !== PRIMARY_DESTINATION_ID && reachable && !lacksNewest && failed === undefined) {
    // The backup folder's "no backup yet" is the backup rules' item; an extra one says it here.
    items.push({
      id: `destination-empty:${id}`,
      severity: 'warning',
      title,
      message: `No backup has been copied to ${folder} yet: back up now, and NoteVault copies it there too.`,
      action: healthAction('back-up-now'),
    });
  }
  return items;
}

function failedCopyItem(
  id: string,
  title: string,
  folder: string,
  entry: CatalogueFact,
  copy: CopyFact,
  catchUp: HealthItem['action'],
): HealthItem {
  const why = copy.message ?? 'the copy did not match the backup.';
  return {
    id: `copy-failed:${id}`,
    severity: 'problem',
    title,
    message: `The copy of "${entry.name}" to ${folder} failed: ${lowerFirst(why)}`,
    ...(copy.details === undefined ? {} : { details: copy.details }),
    action: catchUp ?? healthAction('back-up-now'),
  };
}

/** Backups made before the catalogue existed: the backup history still knows the backup folder's last success. */
function primaryLastSuccess(id: string, input: HealthInput): number | null {
  if (id !== PRIMARY_DESTINATION_ID) return null;
  return input.status.lastSuccess?.startedAt ?? null;
}

function isNewer(a: CatalogueFact, b: CatalogueFact): boolean {
  return Date.parse(a.createdAt) > Date.parse(b.createdAt);
}

/** "The drive is full." inside a sentence: "the drive is full." (a name or acronym keeps its case). */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
