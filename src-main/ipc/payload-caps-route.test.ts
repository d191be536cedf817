import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createIpcHandlers } from './app-handlers';
import { createIpcRouter } from './router';
import type { IpcRouter } from './router';
import type { SenderInfo } from './sender-info';
import { createIpcAppFixture, createIpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import type { IpcAppFixture, IpcTemplate } from '../../test/main/ipc/ipc-app-fixture';

// The router checks the size again: a compromised renderer need not go through the preload.
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
  ['notes:create', { title: '', body: 'a'.repeat(50 * 1024 * 1024) }, '16.06 MiB'],
  ['notes:update', { id: 'x', patch: { body: 'a'.repeat(17 * 1024 * 1024) } }, '16.06 MiB'],
  ['notes:search', { query: 'q'.repeat(20_000) }, '8 KiB'],
  ['schedule:enable', { interval: 'daily', passkey: 'p', extra: new Array(5000).fill('x') }, '8 KiB'],
] as const)(
  'refuses an oversized %s before parsing it, naming the limit',
  async (channel, payload, limit) => {
    const result = await router.dispatch(channel, payload, OUR_WINDOW);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: `${channel} was refused: its arguments are larger than the ${limit} this request allows.`,
      },
    });
    expect(fixture.services.holder.repository().count()).toBe(0);
  },
);

it('still accepts a note body of 1 MiB', async () => {
  const result = await router.dispatch(
    'notes:create',
    { title: 'big', body: 'a'.repeat(1024 * 1024) },
    OUR_WINDOW,
  );
  expect(result).toMatchObject({ ok: true });
});
