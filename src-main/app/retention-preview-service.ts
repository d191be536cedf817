/**
 * backups:retentionPreview: what the next clean-up of one destination would delete, for the
 * backups view and Settings, before it happens. The destination is named by its id and looked
 * up in the settings, so the renderer never names a folder. Reads only: lists the folder and
 * lstats NoteVault's own files, never deletes (the clean-up itself runs after each backup).
 */
import { NoteVaultError } from '../../src-shared/errors';
import type { RetentionPreview } from '../../src-shared/ipc/contract-retention';
import { backupDestinations, PRIMARY_DESTINATION_ID } from '../../src-shared/settings';
import type { BackupDestination, Settings } from '../../src-shared/settings';
import type { FileLayerOptions } from '../fsx/retry';
import { previewRetention } from '../schedule/retention-preview';
import { retentionVerification } from '../schedule/retention-verification';
import type { VerificationSources } from '../schedule/retention-verification';

export interface RetentionPreviewServiceDeps {
  settings: { get(): Readonly<Settings> };
  /** The history and the catalogue, read at each request: the clean-up reads the same ones. */
  verificationSources: () => VerificationSources;
  now: () => number;
  fileLayer?: FileLayerOptions | undefined;
}

export class RetentionPreviewService {
  constructor(private readonly deps: RetentionPreviewServiceDeps) {}

  async preview(destinationId: string): Promise<RetentionPreview> {
    const settings = this.deps.settings.get();
    const destination = backupDestinations(settings).find((candidate) => candidate.id === destinationId);
    if (destination === undefined) {
      throw destinationId === PRIMARY_DESTINATION_ID
        ? new NoteVaultError('VALIDATION', 'Choose a backup folder in Settings first.')
        : new NoteVaultError(
            'NOT_FOUND',
            'That backup destination is no longer in Settings; open Settings to see the ones in use.',
          );
    }
    return this.previewPolicy(destination);
  }

  /**
   * The same for a destination as given, with the policy it carries: what a retention change
   * would make the next clean-up delete (retention-change-consent.ts asks before that happens).
   */
  previewPolicy(destination: BackupDestination): Promise<RetentionPreview> {
    return previewRetention(destination, {
      ...this.deps.fileLayer,
      now: new Date(this.deps.now()),
      verification: retentionVerification(destination.id, this.deps.verificationSources()),
    });
  }
}
