import { useState } from 'react';
import type { DrillRunView } from '../../../src-shared/ipc/contract-drills';
import type { HealthActionKind } from '../../../src-shared/ipc/contract-health';
import { formatCount } from '../../../src-shared/format';
import { useApi } from '../api-context';

export interface HealthNavigation {
  /** Settings: a missing destination, a backup only its passkey opens, a failed saved key. */
  onOpenSettings: () => void;
  /** The backups view, where the next clean-up is previewed. */
  onOpenBackups: () => void;
}

/**
 * What each action of the Health view does: the same channels and views the rest of the window
 * uses (the Backup dialog, Settings, main's folder dialog, drills:runNow, destinations:catchUp).
 * The report follows by itself (`health:didChange`); the notice says what the action did.
 */
export function useHealthActions(navigation: HealthNavigation, onError: (error: unknown) => void) {
  const api = useApi();
  const [backingUp, setBackingUp] = useState(false);
  const [working, setWorking] = useState<HealthActionKind | null>(null);
  const [notice, setNotice] = useState('');

  const run = (kind: HealthActionKind, work: () => Promise<string>) => {
    setWorking(kind);
    setNotice('');
    work()
      .then(setNotice)
      .catch(onError)
      .finally(() => setWorking(null));
  };

  const act = (kind: HealthActionKind) => {
    switch (kind) {
      case 'back-up-now':
        setBackingUp(true);
        return;
      case 'open-settings':
        navigation.onOpenSettings();
        return;
      case 'review-retention':
        navigation.onOpenBackups();
        return;
      case 'choose-folder':
        run(kind, async () =>
          (await api.settings.chooseBackupFolder()) === null ? '' : 'The backup folder is chosen.',
        );
        return;
      case 'catch-up':
        run(kind, async () => {
          const { copied } = await api.destinations.catchUp();
          return copied === 0
            ? 'Every place for backups that can be reached has the newest backup.'
            : `Copied ${formatCount(copied, 'backup')} and checked each copy.`;
        });
        return;
      case 'run-drill':
        run(kind, async () => drillNotice(await api.drills.runNow(undefined)));
        return;
    }
  };

  return { act, working, notice, backingUp, closeBackup: () => setBackingUp(false) };
}

function drillNotice(run: DrillRunView): string {
  if (run.stopped === 'gave-way') return 'The restore test gave way to another job; it runs again later.';
  if (run.stopped === 'cancelled') return 'The restore test was stopped.';
  const count = (outcome: string) => run.outcomes.filter((o) => o.outcome === outcome).length;
  const parts = [
    `${formatCount(count('passed'), 'backup')} passed`,
    ...(count('failed') > 0 ? [`${count('failed')} failed`] : []),
    ...(count('not-tested') > 0 ? [`${count('not-tested')} could not be tested`] : []),
  ];
  return `Restore test finished: ${parts.join(', ')}.`;
}
