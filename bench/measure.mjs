// Starts job-child.mjs for each measured job and collects its report.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./job-child.mjs', import.meta.url));

export function measureJob(paths, job) {
  return new Promise((resolve, reject) => {
    // 'advanced' serialization carries the key's Uint8Array as it is.
    const child = fork(CHILD, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report;
    child.once('message', (message) => {
      report = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (report === undefined)
        reject(new Error(`the benchmark child for a ${job.kind} job exited with code ${code}`));
      else if (!report.ok)
        reject(new Error(`the ${job.kind} job failed: ${report.error.code}: ${report.error.message}`));
      else resolve(report);
    });
    child.send({ enginePath: paths.engine, workerPath: paths.worker, job });
  });
}

/** How long each phase took, from the times the phases began. */
export function phaseDurations(report) {
  const durations = {};
  report.phases.forEach((phase, i) => {
    const end = report.phases[i + 1]?.startMs ?? report.ms;
    durations[phase.phase] = (durations[phase.phase] ?? 0) + (end - phase.startMs);
  });
  return durations;
}

/**
 * Runs a job `runs` times (`makeJob(run)` gives each run's job) and keeps the fastest time,
 * but the worst memory and stall seen in any run.
 */
export async function measureBest(paths, runs, name, makeJob, log) {
  let kept;
  for (let run = 0; run < runs; run++) {
    const report = await measureJob(paths, await makeJob(run));
    log(
      `  ${name} run ${run + 1}: ${(report.ms / 1000).toFixed(2)} s, peak RSS +${(report.rssGrowth / 1048576).toFixed(0)} MiB`,
    );
    kept =
      kept === undefined
        ? report
        : {
            ...(report.ms < kept.ms ? report : kept),
            rssGrowth: Math.max(kept.rssGrowth, report.rssGrowth),
            maxStallMs: Math.max(kept.maxStallMs, report.maxStallMs),
            p99StallMs: Math.max(kept.p99StallMs, report.p99StallMs),
            idleMaxStallMs: Math.max(kept.idleMaxStallMs, report.idleMaxStallMs),
            mainThreadUtilization: Math.max(kept.mainThreadUtilization, report.mainThreadUtilization),
            phasePeakRssGrowth: maxPerKey(kept.phasePeakRssGrowth, report.phasePeakRssGrowth),
          };
  }
  return { ...kept, phaseMs: phaseDurations(kept) };
}

function maxPerKey(a, b) {
  const merged = { ...a };
  for (const [key, value] of Object.entries(b)) merged[key] = Math.max(merged[key] ?? 0, value);
  return merged;
}
