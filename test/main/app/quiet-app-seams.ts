import { join } from 'node:path';
import type { AppSeams } from '../../../src-main/app/app-services';

/**
 * App seams for tests that start the services but never open a dialog, run a job or read
 * events: every dialog answers "cancel" (a question would be a bug here, and is answered no),
 * and the worker path names a file that is never started.
 */
export function quietAppSeams(root: string, overrides: Partial<AppSeams> = {}): AppSeams {
  return {
    dialogs: {
      chooseFolder: () => Promise.resolve(null),
      chooseBackupFile: () => Promise.resolve(null),
      chooseSaveFile: () => Promise.resolve(null),
      confirm: () => Promise.resolve(false),
      showInFolder: () => undefined,
    },
    events: () => undefined,
    workerPath: join(root, 'backup-job-worker.js'),
    appVersion: '0.0.0-test',
    platform: process.platform,
    log: () => undefined,
    ...overrides,
  };
}
