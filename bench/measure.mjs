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
