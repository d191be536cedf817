import { z } from 'zod';
import { NoteVaultError } from '../../src-shared/errors';
import { applySettingsPatch, settingsPatchSchema } from '../../src-shared/settings';
import type { ExtraDestination, Settings, SettingsPatch } from '../../src-shared/settings';
import { requireTrustedPath } from '../fsx/trusted-path';
import { Listeners } from '../schedule/listeners';
import { loadSettingsFile, saveSettingsFile } from './settings-file';
import type { SettingsFileOptions } from './settings-file';

export interface SettingsChange {
  settings: Readonly<Settings>;
  previous: Readonly<Settings>;
}

/**
 * The settings of the running app: read once at start, changed only through `update`, which
 * writes the file before anyone sees the new value. Updates run one at a time in the order they
 * were asked for, so two quick changes from the UI can never write in the wrong order; a failed
 * write leaves both the file and the in-memory settings as they were and rejects that update.
 */
export class SettingsStore {
  private current: Readonly<Settings>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changes = new Listeners<SettingsChange>();

  private constructor(
    private readonly file: string,
    settings: Settings,
    /** Shown once by the UI when the file was damaged or unreadable at start. */
    readonly loadWarning: string | null,
    private readonly options: SettingsFileOptions,
  ) {
    this.current = freeze(settings);
  }

  static async open(file: string, options: SettingsFileOptions): Promise<SettingsStore> {
    const loaded = await loadSettingsFile(file, options);
    return new SettingsStore(file, loaded.settings, loaded.warning, options);
  }

  get(): Readonly<Settings> {
    return this.current;
  }

  /** Validates the patch (it may come from the renderer), writes, then notifies listeners. */
  update(patch: SettingsPatch): Promise<Readonly<Settings>> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      return Promise.reject(
        new NoteVaultError('VALIDATION', `The settings change is invalid: ${z.prettifyError(parsed.error)}`),
      );
    }
    return this.write((previous) => applySettingsPatch(previous, parsed.data));
  }

  /**
   * The backup folder, from the main process only (the folder dialog's answer): the renderer's
   * patch cannot carry a path. Refused unless it is a plain absolute local path (trusted-path.ts).
   */
  async setBackupFolder(folder: string): Promise<Readonly<Settings>> {
    requireTrustedPath(folder, 'the backup folder');
    return this.write((previous) => ({ ...previous, backupFolder: folder }));
  }

  /**
   * The extra destinations, from the main process only (settings:addDestination and
   * settings:removeDestination, src-main/destinations/): like the backup folder, a path the
   * renderer never sends. Each folder must be a plain absolute local path (trusted-path.ts).
   */
  async setExtraDestinations(extras: readonly ExtraDestination[]): Promise<Readonly<Settings>> {
    for (const extra of extras) requireTrustedPath(extra.folder, 'a backup destination');
    return this.write((previous) => ({
      ...previous,
      extraDestinations: extras.map((extra) => ({ ...extra })),
    }));
  }

  private write(change: (previous: Readonly<Settings>) => Settings): Promise<Readonly<Settings>> {
    const run = this.queue.then(async () => {
      const previous = this.current;
      const next = freeze(change(previous));
      await saveSettingsFile(this.file, next, { fs: this.options.fs, retry: this.options.retry });
      this.current = next;
      this.changes.fire({ settings: next, previous });
      return next;
    });
    // The queue continues after a failed update; the caller still sees the failure.
    this.queue = run.catch(() => undefined);
    return run;
  }

  onDidChange(listener: (change: SettingsChange) => void): () => void {
    return this.changes.on(listener);
  }

  /** Resolves when every update asked for so far has been written (or has failed); for quitting. */
  async flush(): Promise<void> {
    await this.queue;
  }
}

function freeze(settings: Settings): Readonly<Settings> {
  return Object.freeze({ ...settings, retention: Object.freeze({ ...settings.retention }) });
}
