import { basename } from 'node:path';
import { formatCount } from '../../src-shared/format';
import { KEYS_LIST_MAX } from '../../src-shared/ipc/contract-recovery-code';
import type {
  BackupNames,
  RecoveryCodeCreated,
  RecoveryCodeRevoked,
  RecoveryCodeState,
} from '../../src-shared/ipc/contract-recovery-code';
import type { Dialogs } from './dialogs';
import type { RecoveryCodeService } from './recovery-code-service';

export interface RecoveryCodeWindowDeps {
  codes: Pick<RecoveryCodeService, 'status' | 'create' | 'revoke' | 'currentCodeOpens'>;
  dialogs: Pick<Dialogs, 'confirm'>;
}

/**
 * The window's recovery-code requests (recoveryCode:*) over RecoveryCodeService: what the
 * current code opens, read from the backups' headers so the window can say it, and main's own
 * question before a code is replaced or revoked, naming the backups the old code will still
 * open. A script in the window cannot answer that question, so it cannot take a way in away
 * unseen. Backups are named by file name inside the backup folder, never by path.
 */
export class RecoveryCodeWindow {
  constructor(private readonly deps: RecoveryCodeWindowDeps) {}

  async status(): Promise<RecoveryCodeState> {
    const { createdAt } = await this.deps.codes.status();
    return { createdAt, opens: createdAt === null ? noBackups() : await this.currentCodeOpens() };
  }

  /** A new code; when one exists, only once the person said yes to replacing it. Null: they said no. */
  async create(): Promise<RecoveryCodeCreated | null> {
    const { createdAt } = await this.deps.codes.status();
    if (createdAt !== null) {
      const opens = await this.currentCodeOpens();
      const agreed = await this.deps.dialogs.confirm({
        message: 'Replace your recovery code?',
        detail:
          'New backups will open with the new code instead. ' +
          `${oldCodeKeepsOpening(opens)} Keep the old code until you no longer need those backups.`,
        confirmLabel: 'Replace recovery code',
      });
      if (!agreed) return null;
    }
    const created = await this.deps.codes.create();
    return {
      code: created.code,
      createdAt: created.createdAt,
      oldCodeStillOpens: names(created.stillCarryingOld),
    };
  }

  /** New backups get no recovery-code slot, once the person said yes. Null: they said no. */
  async revoke(): Promise<RecoveryCodeRevoked | null> {
    const opens = await this.currentCodeOpens();
    const agreed = await this.deps.dialogs.confirm({
      message: 'Revoke your recovery code?',
      detail:
        'New backups will open with your passkey only. ' +
        `${oldCodeKeepsOpening(opens)} A backup cannot be changed to refuse it.`,
      confirmLabel: 'Revoke recovery code',
    });
    if (!agreed) return null;
    const revoked = await this.deps.codes.revoke();
    return { oldCodeStillOpens: names(revoked.stillCarryingOld) };
  }

  /** The backups in the backup folder with a slot for the current code (header bytes only). */
  private async currentCodeOpens(): Promise<BackupNames> {
    return names((await this.deps.codes.currentCodeOpens()).carrying);
  }
}

function noBackups(): BackupNames {
  return { names: [], total: 0 };
}

function names(paths: readonly string[]): BackupNames {
  return { names: paths.slice(0, KEYS_LIST_MAX).map((path) => basename(path)), total: paths.length };
}

/** The sentence of main's question naming what the old code keeps opening. */
function oldCodeKeepsOpening(opens: BackupNames): string {
  if (opens.total === 0) return 'No backup in the backup folder opens with the current code.';
  const shown = opens.names.slice(0, 10).join(', ');
  const more = opens.total > 10 ? ` and ${formatCount(opens.total - 10, 'more')}` : '';
  return `The current code will still open the ${formatCount(opens.total, 'backup')} made while it existed (${shown}${more}), and any copies of them.`;
}
