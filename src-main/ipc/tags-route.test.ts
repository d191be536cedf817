import { expect, it } from 'vitest';
import type { IpcChannel } from '../../src-shared/ipc/contract';
import { OUR_WINDOW, useRoutedApp } from '../../test/main/ipc/ipc-app-fixture';

// The tags channels through the real router over the app's real services.
const app = useRoutedApp();

async function call(channel: IpcChannel, payload: unknown): Promise<unknown> {
  const result = await app.router.dispatch(channel, payload, OUR_WINDOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

it('tags notes, filters the list by tags, renames in one place and announces each change', async () => {
  const notes = app.fixture.services.holder.repository();
  const a = notes.create({ title: 'Plan', body: 'quarterly' });
  const b = notes.create({ title: 'Shopping', body: 'bread' });
  app.fixture.events.length = 0;

  expect(await call('tags:add', { id: a.id, tags: [' Work/Projects ', 'urgent'] })).toEqual([
    'urgent',
    'Work/Projects',
  ]);
  expect(await call('tags:add', { id: b.id, tags: ['work'] })).toEqual(['work']);
  expect(await call('tags:list', undefined)).toEqual([
    { name: 'urgent', notes: 1 },
    { name: 'work', notes: 2 },
    { name: 'Work/Projects', notes: 1 },
  ]);
  const listed = (await call('notes:list', { tags: ['work', 'urgent'] })) as { items: { title: string }[] };
  expect(listed.items.map((n) => n.title)).toEqual(['Plan']);

  expect(await call('tags:rename', { from: 'WORK', to: 'job' })).toEqual({ renamed: 2, merged: 0 });
  expect(await call('tags:ofNote', { id: a.id })).toEqual(['job/Projects', 'urgent']);
  const found = (await call('notes:search', { query: 'projects' })) as { title: string }[];
  expect(found.map((hit) => hit.title)).toEqual(['Plan']);

  expect(await call('tags:remove', { id: a.id, tags: ['urgent'] })).toEqual(['job/Projects']);
  expect(await call('tags:delete', { name: 'job' })).toBe(2);
  expect(await call('tags:list', undefined)).toEqual([]);

  expect(app.fixture.events).toEqual([
    { event: 'notes:didChange', payload: { reason: 'tagged', ids: [a.id] } },
    { event: 'notes:didChange', payload: { reason: 'tagged', ids: [b.id] } },
    { event: 'notes:didChange', payload: { reason: 'tagged', ids: [] } },
    { event: 'notes:didChange', payload: { reason: 'tagged', ids: [a.id] } },
    { event: 'notes:didChange', payload: { reason: 'tagged', ids: [] } },
  ]);
});

it('refuses tagging a note in the trash and announces nothing', async () => {
  const notes = app.fixture.services.holder.repository();
  const gone = notes.trash(notes.create({ title: 'Old', body: '' }).id);
  app.fixture.events.length = 0;
  const result = await app.router.dispatch('tags:add', { id: gone.id, tags: ['x'] }, OUR_WINDOW);
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(app.fixture.events).toEqual([]);
});
