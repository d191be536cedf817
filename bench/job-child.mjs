// Runs ONE engine job in a fresh process and reports how it went: wall time, the growth of
// this process's resident memory (the job's worker thread lives in the same process, so
// its memory counts), the longest stall of this (main) thread's event loop, and when each
// phase began. A fresh process per job keeps one job's freed-but-kept allocator memory
// from hiding the next one's growth.
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const require = createRequire(import.meta.url);

process.once('message', async ({ enginePath, workerPath, job }) => {
  const engine = require(enginePath);
  gc();
  // The same stall measurement over one idle second first: on a machine busy with other
  // processes the OS alone delays this thread, and the job's figure means little without it.
  const idle = monitorEventLoopDelay({ resolution: 10 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  idle.disable();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  // The peak per phase too, charged to the phase last reported: where the memory goes.
  const phasePeakRssGrowth = {};
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    const phase = phases.at(-1)?.phase ?? 'starting';
    phasePeakRssGrowth[phase] = Math.max(phasePeakRssGrowth[phase] ?? 0, rss - baseline);
  }, 20);
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const phases = [];
  const utilizationAtStart = performance.eventLoopUtilization();
  const started = performance.now();
  let outcome;
  try {
    const result = await engine.runBackupJob(job, {
      workerPath,
      onProgress: (progress) => {
        if (phases.at(-1)?.phase !== progress.phase) {
          phases.push({ phase: progress.phase, startMs: performance.now() - started });
        }
      },
    });
    outcome = { ok: true, result: summarize(result) };
  } catch (error) {
    outcome = { ok: false, error: { code: error.code, message: error.message } };
  }
  const ms = performance.now() - started;
  const utilization = performance.eventLoopUtilization(utilizationAtStart).utilization;
  stalls.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  process.send({
    ...outcome,
    ms,
    rssGrowth: peak - baseline,
    // The histogram records how late its own 10 ms timer fired: the worst wait any main-
    // thread callback (an IPC reply, a click in the app) would have had.
    maxStallMs: stalls.max / 1e6,
    p99StallMs: stalls.percentile(99) / 1e6,
    idleMaxStallMs: idle.max / 1e6,
    // The share of the job's wall time this thread spent running code rather than
    // waiting: near 0 means the stalls above are the OS scheduling other threads on a
    // busy machine, not work done on the main thread.
    mainThreadUtilization: utilization,
    phases,
    phasePeakRssGrowth,
  });
  process.disconnect();
});

function summarize(result) {
  return {
    file: result.file,
    size: result.size,
    noteCount: result.noteCount ?? result.restoredNotes ?? result.metadata?.noteCount,
    plaintextSize: result.metadata?.plaintextSize,
  };
}
