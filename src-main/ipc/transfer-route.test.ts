import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import type { ExportDone, ImportDone } from '../../src-shared/ipc/contract-transfer';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// Import and export from the window, through the real router, services and job worker: main
// picks the paths in its own dialogs (answered by the fixture), the window gets counts,
// skipped items with their reasons, progress events, and a token to undo the import.
const app = useRoutedApp();

async function dispatch<T>(channel: Parameters<typeof app.router.dispatch>[0], args: unknown): Promise<T> {
  const result = await app.router.dispatch(channel, args, OUR_WINDOW);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as T;
}

const liveCount = () => app.fixture.services.holder.repository().count();

it('imports a Markdown folder the dialog chose, reports skipped items, and undoes it in one step', async () => {
  const before = liveCount();
  const done = await dispatch<ImportDone>('transfer:import', { source: 'folder' });
  expect(app.fixture.transfer.asked).toEqual(['import folder']);
  expect(done).toMatchObject({ formatName: 'Markdown', sourceName: 'markdown' });
  expect(done.imported).toBeGreaterThan(0);
  expect(liveCount()).toBe(before + done.imported);
  // The fixture folder holds an empty note and a missing image: each listed with its reason.
  expect(done.skippedTotal).toBe(done.skipped.length);
  expect(done.skipped.length).toBeGreaterThan(0);
  for (const skipped of done.skipped) expect(skipped.reason).not.toBe('');
  const events = app.fixture.events.map((e) => e.event);
  expect(events).toContain('transfer:didProgress');
  expect(events).toContain('notes:didChange');

  expect(await dispatch<number>('transfer:undoImport', { token: done.token })).toBe(done.imported);
  expect(liveCount()).toBe(before);
  // Once: the token is spent.
  const again = await app.router.dispatch('transfer:undoImport', { token: done.token }, OUR_WINDOW);
  expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

it('exports as JSON where the dialog chose and imports that file back with nothing lost', async () => {
  const notes = app.fixture.services.holder.repository();
  notes.create({ title: 'Kept', body: 'with **Markdown**', pinned: true });
  app.fixture.liveNote();
  app.fixture.trashedNote();
  const exported = await dispatch<ExportDone>('transfer:export', { format: 'json', history: true });
  expect(exported).toMatchObject({ format: 'json', notes: notes.count() + notes.count({ trashed: true }) });
  const file = join(exported.folder, exported.name);
  expect(fs.existsSync(file)).toBe(true);
  expect(app.fixture.transfer.asked[0]).toMatch(/^export json NoteVault notes \d{4}-\d\d-\d\d\.json$/);

  const live = notes.count();
  app.fixture.transfer.importSource = file;
  const imported = await dispatch<ImportDone>('transfer:import', { source: 'file' });
  expect(imported).toMatchObject({ formatName: 'NoteVault export', imported: exported.notes, skipped: [] });
  expect(notes.count()).toBe(live * 2);
});

it('exports Markdown into a new folder', async () => {
  app.fixture.liveNote();
  const exported = await dispatch<ExportDone>('transfer:export', { format: 'markdown', history: false });
  expect(fs.readdirSync(join(exported.folder, exported.name))).toContain('Groceries.md');
});

it('does nothing when the dialog is cancelled, and has nothing to cancel then', async () => {
  app.fixture.transfer.importSource = null;
  expect(await dispatch('transfer:import', { source: 'file' })).toBeNull();
  expect(await dispatch('transfer:cancel', undefined)).toBe(false);
});

it('Cancel stops a running import in the worker and keeps none of it', async () => {
  const folder = fs.mkdtempSync(join(tmpdir(), 'notevault-many-'));
  try {
    for (let i = 0; i < 5000; i++)
      fs.writeFileSync(join(folder, `Note ${i}.md`), `# Note ${i}\n\nbody ${i}\n`);
    app.fixture.transfer.importSource = folder;
    const before = liveCount();
    const running = app.router.dispatch('transfer:import', { source: 'folder' }, OUR_WINDOW);
    await vi.waitFor(() => expect(app.fixture.events.map((e) => e.event)).toContain('transfer:didProgress'), {
      timeout: 10_000,
    });
    expect(await dispatch('transfer:cancel', undefined)).toBe(true);
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(liveCount()).toBe(before);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}, 30_000);
