import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createIpcHandlers } from './app-handlers';
import { createIpcRouter } from './router';
import type { IpcRouter } from './router';
import type { SenderInfo } from './sender-info';
import { createIpcAppFixture, createIpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import type { IpcAppFixture, IpcTemplate } from '../../test/main/ipc/ipc-app-fixture';

// The dialog's strength meter is a courtesy; main enforces the rule for every passkey that
// will encrypt new backups, through the real router and services.
const OUR_WINDOW: SenderInfo = {
  webContentsId: 1,
  frameUrl: 'file:///app/out/renderer/index.html',
  isMainFrame: true,
};

let template: IpcTemplate;
let fixture: IpcAppFixture;
let router: IpcRouter;
beforeAll(async () => {
  template = await createIpcTemplate();
});
afterAll(() => template.remove());
beforeEach(async () => {
  fixture = await createIpcAppFixture(template);
  const notes = () => fixture.services.holder.repository();
  router = createIpcRouter({
    handlers: createIpcHandlers({ ...fixture.services, notes }, () => undefined),
    isTrustedSender: (sender) => sender.frameUrl === OUR_WINDOW.frameUrl,
    log: () => undefined,
  });
});
afterEach(() => fixture.dispose());

it.each([
  ['backup:create', { passkey: 'a' }],
  ['backup:create', { passkey: 'password1' }],
  ['schedule:enable', { interval: 'daily', passkey: 'a' }],
] as const)('refuses %s with the too-weak passkey %j, changing nothing', async (channel, payload) => {
  const backupsBefore = (await fixture.services.backups.list()).backups.length;
  const result = await router.dispatch(channel, payload, OUR_WINDOW);
  expect(result).toEqual({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: expect.stringMatching(/^This passkey is too easy to guess.*Choose a longer one/) as unknown,
    },
  });
  expect((await fixture.services.backups.list()).backups).toHaveLength(backupsBefore);
  expect(fixture.services.settings.get().schedule).toBe('off');
});
