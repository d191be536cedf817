import { test } from './support/bridge-access';
import { expectNoRouterProblems } from './support/scenarios/app-access';
import { NOTES_SCENARIOS } from './support/scenarios/scenario-lists';

// Tier 1: the notes scenarios shared with e2e/electron/notes.electron.spec.ts, on the built
// renderer in Chromium with the real services behind the bridge.
test.afterEach(({ access }) => expectNoRouterProblems(access));

for (const scenario of NOTES_SCENARIOS) {
  test(scenario.title, ({ access }, testInfo) => scenario.run(access, testInfo));
}
