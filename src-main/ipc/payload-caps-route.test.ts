import { expect, it } from 'vitest';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// The router checks the size again: a compromised renderer need not go through the preload.
const app = useRoutedApp();

it.each([
  ['notes:create', { title: '', body: 'a'.repeat(50 * 1024 * 1024) }, '16.06 MiB'],
  ['notes:update', { id: 'x', patch: { body: 'a'.repeat(17 * 1024 * 1024) } }, '16.06 MiB'],
  ['notes:search', { query: 'q'.repeat(20_000) }, '8 KiB'],
  ['schedule:enable', { interval: 'daily', passkey: 'p', extra: new Array(5000).fill('x') }, '8 KiB'],
] as const)(
  'refuses an oversized %s before parsing it, naming the limit',
  async (channel, payload, limit) => {
    const result = await app.router.dispatch(channel, payload, OUR_WINDOW);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: `${channel} was refused: its arguments are larger than the ${limit} this request allows.`,
      },
    });
    expect(app.fixture.services.holder.repository().count()).toBe(0);
  },
);

it('still accepts a note body of 1 MiB', async () => {
  const result = await app.router.dispatch(
    'notes:create',
    { title: 'big', body: 'a'.repeat(1024 * 1024) },
    OUR_WINDOW,
  );
  expect(result).toMatchObject({ ok: true });
});
