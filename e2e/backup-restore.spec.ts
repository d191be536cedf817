import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';
import { BACKUP_SCENARIOS } from './support/scenarios/scenario-lists';

// Tier 1: the backup scenarios shared with e2e/electron/backup-restore.electron.spec.ts: the
// REAL backup and restore jobs, the REAL built job worker and a real database in a temp
// user-data folder; only the native file dialogs answer from the test.
test.describe.configure({ timeout: 90_000 });

test.afterEach(({ access }) => expectNoRouterProblems(access));

for (const scenario of BACKUP_SCENARIOS) {
  test(scenario.title, ({ access }, testInfo) => scenario.run(access, testInfo));
}
