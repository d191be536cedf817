import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '../support/bridge';
import { NotesPage } from '../support/notes-page';

// The window with 100,000 notes: how long from loading the page to the first entry of the list
// (the main process has the database open, as after the app's start), and how long the frames
// take while the list is scrolled fast through thousands of entries, reading pages as it goes.
// Measured in the built renderer in Chromium (no GPU), with the real router and repository
// answering in the test process, as in every tier-1 test.

const DATABASE = process.env.NOTEVAULT_SCALE_DB ?? '';
const OUT = process.env.NOTEVAULT_SCALE_OUT;
const LOADS = 5;
/** Frames of scrolling, each moving the list by SCROLL_STEP_PX: about 6,000 entries in all. */
const SCROLL_FRAMES = 600;
const SCROLL_STEP_PX = 600;

interface FirstEntryWindow {
  __firstEntryAt?: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

test('notes at scale in the window', async ({ page, bridge }) => {
  test.skip(
    !existsSync(DATABASE),
    `NOTEVAULT_SCALE_DB names no database (${DATABASE || 'unset'}); run bench/run.mjs`,
  );
  // The generated database in place of the bridge's empty one.
  const holder = bridge.services.holder;
  holder.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${holder.databasePath}${suffix}`, { force: true });
  copyFileSync(DATABASE, holder.databasePath);
  const openStarted = performance.now();
  holder.open();
  const openMs = performance.now() - openStarted;
  const notes = bridge.notes.count();

  // The moment the first entry is drawn, in the page's clock (0 = navigation start).
  await page.addInitScript(() => {
    new MutationObserver((_records, observer) => {
      if (document.querySelector('.note-entry')) {
        (window as FirstEntryWindow).__firstEntryAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const app = new NotesPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  const firstEntry: number[] = [];
  for (let load = 0; load < LOADS; load++) {
    await app.open();
    await expect(app.list.locator('.note-entry').first()).toBeVisible();
    firstEntry.push(await page.evaluate(() => (window as FirstEntryWindow).__firstEntryAt ?? NaN));
  }
  const drawnAtStart = await app.list.getByRole('listitem').count();

  const frames = await app.list.evaluate(
    (list, { count, step }) =>
      new Promise<number[]>((done) => {
        const times: number[] = [];
        const frame = (time: number) => {
          times.push(time);
          if (times.length > count) {
            done(times.slice(1).map((t, i) => t - (times[i] ?? t)));
            return;
          }
          list.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { count: SCROLL_FRAMES, step: SCROLL_STEP_PX },
  );
  const loaded = await app.list
    .getAttribute('aria-describedby')
    .then((id) => page.locator(`[id="${id}"]`).textContent());
  const drawnAfterScroll = await app.list.getByRole('listitem').count();

  const figures = {
    notes,
    mainOpenMs: openMs,
    firstEntryMs: { median: percentile(firstEntry, 50), worst: Math.max(...firstEntry), runs: firstEntry },
    scroll: {
      frames: frames.length,
      stepPx: SCROLL_STEP_PX,
      p50Ms: percentile(frames, 50),
      p95Ms: percentile(frames, 95),
      worstMs: Math.max(...frames),
      over50Ms: frames.filter((ms) => ms > 50).length,
    },
    loadedAfterScroll: loaded,
    drawnEntries: { atStart: drawnAtStart, afterScroll: drawnAfterScroll },
  };
  console.log(
    [
      `Window with ${notes} notes: main opened the database in ${openMs.toFixed(0)} ms; first list entry drawn ` +
        `${figures.firstEntryMs.median.toFixed(0)} ms after navigation (median of ${LOADS}, worst ${figures.firstEntryMs.worst.toFixed(0)} ms)`,
      `Scrolling ${SCROLL_FRAMES} frames of ${SCROLL_STEP_PX} px (to "${loaded}"): frame p50 ${figures.scroll.p50Ms.toFixed(1)} ms, ` +
        `p95 ${figures.scroll.p95Ms.toFixed(1)} ms, worst ${figures.scroll.worstMs.toFixed(1)} ms, ${figures.scroll.over50Ms} frames over 50 ms; ` +
        `${drawnAtStart} entries drawn at start, ${drawnAfterScroll} after`,
    ].join('\n'),
  );
  if (OUT) writeFileSync(resolve(OUT), `${JSON.stringify(figures, null, 2)}\n`);
  // Virtualised: a screenful or two of entries exist however many are loaded.
  expect(drawnAfterScroll).toBeLessThan(100);
});
