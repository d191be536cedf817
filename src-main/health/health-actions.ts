import type { HealthAction, HealthActionKind } from '../../src-shared/ipc/contract-health';

/** One label per fix, so the same fix reads the same in every item. */
const LABELS: Record<HealthActionKind, string> = {
  'back-up-now': 'Back up now',
  'open-settings': 'Open Settings',
  'run-drill': 'Test a restore now',
  'catch-up': 'Copy missing backups now',
  'choose-folder': 'Choose a backup folder',
  'review-retention': 'Review the clean-up',
};

export function healthAction(kind: HealthActionKind): HealthAction {
  return { kind, label: LABELS[kind] };
}
