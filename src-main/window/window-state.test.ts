import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state';

describe('window-state.json', () => {
  let folder: string;
  let file: string;
  let logged: string[];
  const log = (message: string) => logged.push(message);

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'notevault-window-state-'));
    file = join(folder, WINDOW_STATE_FILE);
    logged = [];
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('starts with the default size and no position when there is no file, quietly', () => {
    expect(loadWindowState(file, log)).toEqual({ width: 1100, height: 750, isMaximized: false });
    expect(logged).toEqual([]);
  });

  it('remembers position, size and maximized state across a save and a load', async () => {
    await saveWindowState(file, { x: -1200, y: 40, width: 900, height: 640, isMaximized: true });
    expect(loadWindowState(file, log)).toEqual({
      x: -1200,
      y: 40,
      width: 900,
      height: 640,
      isMaximized: true,
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      x: -1200,
      y: 40,
      width: 900,
      height: 640,
      isMaximized: true,
    });
    expect(logged).toEqual([]);
  });

  it('replaces the file atomically, leaving no partial file behind', async () => {
    await saveWindowState(file, { x: 1, y: 2, width: 700, height: 500, isMaximized: false });
    await saveWindowState(file, { x: 3, y: 4, width: 800, height: 600, isMaximized: false });
    expect(readdirSync(folder)).toEqual([WINDOW_STATE_FILE]);
    expect(loadWindowState(file, log)).toMatchObject({ x: 3, y: 4, width: 800, height: 600 });
  });

  it('rounds fractional bounds (scaled displays report them)', async () => {
    await saveWindowState(file, { x: 10.4, y: 20.6, width: 800.5, height: 600.2, isMaximized: false });
    expect(loadWindowState(file, log)).toEqual({ x: 10, y: 21, width: 801, height: 600, isMaximized: false });
  });

  it('does not write a state that was never placed', async () => {
    await saveWindowState(file, { ...DEFAULT_WINDOW_STATE });
    expect(readdirSync(folder)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"x": 1, "y":'],
    ['an empty file', ''],
    ['a JSON array', '[1, 2, 3]'],
    ['a missing field', JSON.stringify({ version: 1, x: 0, y: 0, width: 800, isMaximized: false })],
    ['a zero width', JSON.stringify({ version: 1, x: 0, y: 0, width: 0, height: 600, isMaximized: false })],
    [
      'a fractional size',
      JSON.stringify({ version: 1, x: 0, y: 0, width: 8.5, height: 6, isMaximized: false }),
    ],
    [
      'an absurd position',
      JSON.stringify({ version: 1, x: 1e300, y: 0, width: 800, height: 600, isMaximized: false }),
    ],
    [
      'a string maximized',
      JSON.stringify({ version: 1, x: 0, y: 0, width: 800, height: 600, isMaximized: 'yes' }),
    ],
    [
      'a newer format',
      JSON.stringify({ version: 2, x: 0, y: 0, width: 800, height: 600, isMaximized: false }),
    ],
  ])('falls back to the defaults for a damaged file (%s), and says so', (_label, content) => {
    writeFileSync(file, content);
    expect(loadWindowState(file, log)).toEqual(DEFAULT_WINDOW_STATE);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(file);
    expect(logged[0]).toMatch(/damaged window position file .* using the default size/);
  });

  it('falls back to the defaults when the file cannot be read, and says so', () => {
    mkdirSync(file); // a folder where the file should be: EISDIR
    expect(loadWindowState(file, log)).toEqual(DEFAULT_WINDOW_STATE);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/Could not read the window position from .*EISDIR/);
  });

  it('hands out a fresh default each time, so a caller cannot change the defaults', () => {
    const first = loadWindowState(file, log);
    first.width = 1;
    expect(loadWindowState(file, log).width).toBe(1100);
    expect(Object.isFrozen(DEFAULT_WINDOW_STATE)).toBe(true);
  });
});
