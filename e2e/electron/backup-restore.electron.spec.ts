import { expectNoRouterProblems } from '../support/scenarios/app-access';
import { BACKUP_SCENARIOS } from '../support/scenarios/scenario-lists';
import { skipWithoutElectron, test } from './electron-access';

/**
 * The backup and restore scenarios shared with tier 1 (e2e/backup-restore.spec.ts) against
 * the real app: its backup and restore jobs and job worker in Electron's main process, with
 * better-sqlite3's Electron build, and the native dialogs stubbed in the main process.
 */
test.describe('backup and restore in the Electron app', () => {
  skipWithoutElectron();
  test.describe.configure({ timeout: 90_000 });
  test.afterEach(({ access }) => expectNoRouterProblems(access));

  for (const scenario of BACKUP_SCENARIOS) {
    test(scenario.title, ({ access }, testInfo) => scenario.run(access, testInfo));
  }
});
