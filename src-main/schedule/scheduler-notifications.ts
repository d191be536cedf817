/**
 * Which scheduled runs deserve a desktop notification, and what it says.
 *
 * Decision: a failing backup is notified twice per streak, not on every retry: at the first
 * failure (so the person can fix a missing drive while NoteVault retries) and when the retries
 * are used up (so silence afterwards does not read as success). The first success after a
 * failure is always notified, so the person knows the problem went away; other successes only
 * when notifyOnSuccess is set.
 */
import { formatCount } from '../../src-shared/format';
import { basename } from 'node:path';
import type { ScheduledRunEvent } from './scheduler-types';

export interface Notification {
  title: string;
  body: string;
}

export function formatDelay(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return formatCount(Math.max(minutes, 1), 'minute');
  const hours = Math.round(minutes / 60);
  return formatCount(hours, 'hour');
}

export function notificationFor(
  event: ScheduledRunEvent,
  context: { previousFailures: number; retryDelaysMs: readonly number[]; notifyOnSuccess: boolean },
): Notification | null {
  const { result } = event;
  if (result.ok) {
    const what = `${formatCount(result.value.noteCount, 'note')} backed up to ${basename(result.value.file)}.`;
    if (context.previousFailures > 0) {
      return { title: 'NoteVault backups work again', body: `The scheduled backup succeeded: ${what}` };
    }
    return context.notifyOnSuccess ? { title: 'NoteVault backup complete', body: what } : null;
  }
  const failures = event.consecutiveFailures;
  const delay = context.retryDelaysMs[failures - 1];
  if (failures === 1 && delay !== undefined) {
    return {
      title: 'Scheduled backup failed',
      body: `${result.error.message} NoteVault will try again in ${formatDelay(delay)}.`,
    };
  }
  if (failures === context.retryDelaysMs.length + 1) {
    return {
      title: 'Scheduled backups keep failing',
      body: `${result.error.message} NoteVault tried ${failures} times and will try again at the next scheduled time. Open NoteVault to back up now.`,
    };
  }
  return null;
}
