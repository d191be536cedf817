// The window's side of "at scale": runs e2e/bench/scale-list.bench.ts (the built renderer in
// Chromium over the tier-1 bridge, on the generated database) and reads the figures it writes.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALE_TARGETS } from './measure-scale.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CONFIG = join('e2e', 'bench', 'playwright.bench.config.ts');

export async function measureWindow(databaseFile, work, log) {
  const out = join(work, 'window-figures.json');
  log('\nThe window (built renderer in Chromium, no GPU) on the same database...');
  const code = await new Promise((done, fail) => {
    const child = spawn('npx', ['playwright', 'test', '-c', CONFIG, '--reporter=line'], {
      cwd: ROOT,
      env: { ...process.env, NOTEVAULT_SCALE_DB: databaseFile, NOTEVAULT_SCALE_OUT: out },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', fail);
    child.once('exit', done);
  });
  let figures;
  try {
    figures = JSON.parse(await readFile(out, 'utf8'));
  } catch {
    return {
      checks: [
        { size: '100k', target: 'the window', value: `not measured (Playwright exited with ${code})` },
      ],
    };
  }
  // What a person waits for at start: main opening the database, then the page to its first entry.
  const startMs = figures.mainOpenMs + figures.firstEntryMs.median;
  return {
    ...figures,
    checks: [
      {
        size: '100k',
        target: `window start (main opens the database + page to first list entry) < ${SCALE_TARGETS.startMs} ms`,
        value: `${startMs.toFixed(0)} ms (${figures.mainOpenMs.toFixed(0)} + ${figures.firstEntryMs.median.toFixed(0)}; worst page load ${figures.firstEntryMs.worst.toFixed(0)} ms)`,
        pass: startMs < SCALE_TARGETS.startMs,
      },
      {
        size: '100k',
        target: 'scrolling the list: frame times',
        value:
          `p50 ${figures.scroll.p50Ms.toFixed(1)} ms, p95 ${figures.scroll.p95Ms.toFixed(1)} ms, worst ${figures.scroll.worstMs.toFixed(0)} ms, ` +
          `${figures.scroll.over50Ms} of ${figures.scroll.frames} frames over 50 ms (to "${figures.loadedAfterScroll}"; ` +
          `${figures.drawnEntries.afterScroll} entries drawn)`,
      },
    ],
  };
}
