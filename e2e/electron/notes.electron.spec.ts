import { expectNoRouterProblems } from '../support/scenarios/app-access';
import { NOTES_SCENARIOS } from '../support/scenarios/scenario-lists';
import { skipWithoutElectron, test } from './electron-access';

/**
 * The notes scenarios shared with tier 1 (e2e/notes.spec.ts) against the real app: Electron's
 * window, the sandboxed preload, real IPC with the sender check, and the main process's
 * database, seeded before launch and read from the user-data folder.
 */
test.describe('notes in the Electron app', () => {
  skipWithoutElectron();
  test.afterEach(({ access }) => expectNoRouterProblems(access));

  for (const scenario of NOTES_SCENARIOS) {
    test(scenario.title, ({ access }, testInfo) => scenario.run(access, testInfo));
  }
});
