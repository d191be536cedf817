import { expect, it } from 'vitest';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';
import { LINK_REFUSED_MESSAGE } from './links-handlers';

// A link leaves NoteVault only through links:open, and main decides, whatever the page sends:
// the real router and handler, with the system browser replaced by a record.
const app = useRoutedApp();

it('opens web and mail addresses, as the URL parser normalised them', async () => {
  for (const url of ['https://example.com/a?b#c', 'HTTP://Example.com', 'mailto:someone@example.com']) {
    expect(await app.router.dispatch('links:open', { url }, OUR_WINDOW)).toEqual({
      ok: true,
      value: undefined,
    });
  }
  expect(app.fixture.links.opened).toEqual([
    'https://example.com/a?b#c',
    'http://example.com/',
    'mailto:someone@example.com',
  ]);
});

it.each([
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,hi',
  'app://notevault/index.html',
  'notevault://open',
  'ms-msdt:/id',
  'https://bank.example@evil.example/',
  'https://exa\tmple.com/',
  'relative/path',
])('refuses %j and opens nothing', async (url) => {
  const result = await app.router.dispatch('links:open', { url }, OUR_WINDOW);
  expect(result).toEqual({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: LINK_REFUSED_MESSAGE,
      details: expect.stringContaining('links:open refused') as unknown,
    },
  });
  expect(app.fixture.links.opened).toEqual([]);
});

it('is rate-limited like other clicks: a page cannot open tabs in a loop', async () => {
  const results = [];
  for (let i = 0; i < 40; i++) {
    results.push(await app.router.dispatch('links:open', { url: `https://example.com/${i}` }, OUR_WINDOW));
  }
  expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.error.code)).toContain(
    'RATE_LIMITED',
  );
  expect(app.fixture.links.opened.length).toBeLessThan(40);
});
