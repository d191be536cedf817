// The benchmark's table and targets.
const MB = 1e6;
const MIB = 1024 * 1024;

export const TARGETS = {
  /** Backup throughput (KDF excluded, verification included) vs in-memory secretstream. */
  backupVsSecretstream: 0.4,
  /** Peak RSS growth while a job runs, on the file path (databases above the in-memory limit). */
  peakRssGrowthBytes: 64 * MIB,
  /** Longest main-thread event-loop stall while a job runs. */
  maxStallMs: 50,
  /**
   * In-memory route (databases up to the in-memory limit): peak RSS growth at most this many
   * databases beyond the file route's growth on the same database in the same run, which does
   * not grow with the database and so is the fixed part (worker, libraries, fixed buffers).
   */
  inMemoryDatabaseCopies: 2,
};

const mbps = (bytes, ms) => bytes / MB / (ms / 1000);

export function rowsFor(size) {
  const { bytes, references: r } = size;
  const reference = {
    copyFile: mbps(bytes, r.copyFileMs),
    secretstream: mbps(bytes, r.secretstreamMs),
    nativeChacha: mbps(bytes, r.nativeChachaMs),
  };
  const row = (operation, ms, extra = {}) => {
    const speed = mbps(bytes, ms);
    return {
      size: size.label,
      operation,
      ms,
      mbps: speed,
      vsCopyFile: speed / reference.copyFile,
      vsSecretstream: speed / reference.secretstream,
      vsNativeChacha: speed / reference.nativeChacha,
      ...extra,
    };
  };
  return [
    row('ref: fs.copyFile + fsync', r.copyFileMs),
    row('ref: secretstream in memory', r.secretstreamMs),
    row('ref: native chacha20-poly1305', r.nativeChachaMs),
    row('ref: sha256 of the file', r.sha256Ms),
    ...['backup', 'verify', 'drill', 'restore'].map((op) =>
      row(op, size.jobs[op].ms, {
        rssGrowth: size.jobs[op].rssGrowth,
        maxStallMs: size.jobs[op].maxStallMs,
        p99StallMs: size.jobs[op].p99StallMs,
        idleMaxStallMs: size.jobs[op].idleMaxStallMs,
        mainThreadUtilization: size.jobs[op].mainThreadUtilization,
      }),
    ),
    // The part of a backup the cipher and the file format decide, for comparison with
    // the in-memory ceiling: bytes over the time between the first and the last
    // 'encrypting' report (the source is read, hashed again, encrypted and written).
    row('  of which: encrypting phase', size.jobs.backup.phaseMs.encrypting ?? Number.NaN),
  ];
}

export function formatTable(rows) {
  const header = [
    'size',
    'operation',
    'time s',
    'MB/s',
    'x copyFile',
    'x secretstream',
    'x native',
    'RSS +MiB',
    'stall max / p99 (idle) ms',
    'main busy',
  ];
  const body = rows.map((r) => [
    r.size,
    r.operation,
    (r.ms / 1000).toFixed(2),
    r.mbps.toFixed(0),
    r.vsCopyFile.toFixed(2),
    r.vsSecretstream.toFixed(2),
    r.vsNativeChacha.toFixed(2),
    r.rssGrowth === undefined ? '' : (r.rssGrowth / MIB).toFixed(1),
    r.maxStallMs === undefined
      ? ''
      : `${r.maxStallMs.toFixed(1)} / ${r.p99StallMs.toFixed(1)} (${r.idleMaxStallMs.toFixed(1)})`,
    r.mainThreadUtilization === undefined ? '' : `${(r.mainThreadUtilization * 100).toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** PASS/FAIL for every target at every size; the memory target applies on the file path only. */
export function checkTargets(sizes, inMemoryLimit) {
  const checks = [];
  for (const size of sizes) {
    const backupSpeed = mbps(size.bytes, size.jobs.backup.ms);
    const ceiling = mbps(size.bytes, size.references.secretstreamMs);
    checks.push({
      size: size.label,
      target: `backup >= ${TARGETS.backupVsSecretstream * 100}% of in-memory secretstream`,
      value: `${backupSpeed.toFixed(0)} of ${ceiling.toFixed(0)} MB/s = ${((backupSpeed / ceiling) * 100).toFixed(0)}%`,
      pass: backupSpeed >= TARGETS.backupVsSecretstream * ceiling,
    });
    for (const [op, job] of Object.entries(size.jobs)) {
      if (size.bytes > inMemoryLimit) {
        checks.push({
          size: size.label,
          target: `${op}: peak RSS growth < ${TARGETS.peakRssGrowthBytes / MIB} MiB (file path)`,
          value: `${(job.rssGrowth / MIB).toFixed(1)} MiB`,
          pass: job.rssGrowth < TARGETS.peakRssGrowthBytes,
        });
      }
      checks.push({
        size: size.label,
        target: `${op}: no main-thread stall over ${TARGETS.maxStallMs} ms`,
        value:
          `${job.maxStallMs.toFixed(1)} ms (main thread busy ${(job.mainThreadUtilization * 100).toFixed(1)}% ` +
          `of the time; ${job.idleMaxStallMs.toFixed(1)} ms when idle just before)`,
        pass: job.maxStallMs <= TARGETS.maxStallMs,
      });
    }
  }
  return checks;
}

/** A check with `pass` undefined is information only (a figure no target applies to). */
export function formatChecks(checks) {
  const verdict = (c) => (c.pass === undefined ? 'INFO' : c.pass ? 'PASS' : 'FAIL');
  return checks.map((c) => `${verdict(c)}  ${c.size.padEnd(8)} ${c.target}: ${c.value}`).join('\n');
}

export function formatPhases(sizes) {
  const lines = [];
  for (const size of sizes) {
    for (const [op, job] of Object.entries(size.jobs)) {
      const starting = job.phasePeakRssGrowth?.starting;
      const parts = Object.entries(job.phaseMs).map(([phase, ms]) => {
        const growth = job.phasePeakRssGrowth?.[phase];
        const memory = growth === undefined ? '' : ` (${(growth / MIB).toFixed(0)} MiB)`;
        return `${phase} ${(ms / 1000).toFixed(2)}${memory}`;
      });
      // Before the first progress report: starting the worker thread and loading its modules.
      if (starting !== undefined) parts.unshift(`starting (${(starting / MIB).toFixed(0)} MiB)`);
      lines.push(`${size.label.padEnd(8)} ${op.padEnd(8)} ${parts.join(', ')}`);
    }
  }
  return lines.join('\n');
}

const mib = (bytes) => (bytes / MIB).toFixed(1);

/** The in-memory route next to the file route, per database and job. */
export function formatRoutes(routes) {
  // The in-memory route's growth beyond the file route's, in databases: the copies it holds.
  const header = [
    'size',
    'database MiB',
    'job',
    'in memory +MiB',
    'file route +MiB',
    '(memory - file) / database',
    'in-memory peak during',
    'default route',
  ];
  const body = [];
  for (const size of routes) {
    for (const [job, memory] of Object.entries(size.jobs.memory)) {
      const phases = Object.entries(memory.phasePeakRssGrowth ?? {});
      const peakPhase = phases.reduce((a, b) => (b[1] > a[1] ? b : a), ['', -1])[0];
      body.push([
        size.label,
        mib(size.bytes),
        job,
        mib(memory.rssGrowth),
        mib(size.jobs.file[job].rssGrowth),
        ((memory.rssGrowth - size.jobs.file[job].rssGrowth) / size.bytes).toFixed(2),
        peakPhase,
        size.aboveLimit ? 'file (memory forced)' : 'memory',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells) =>
    cells.map((c, i) => ([0, 2, 6, 7].includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * PASS/FAIL of "in-memory peak growth <= 2 x database + fixed" per database and job, for the
 * databases the engine keeps in memory by default (up to `inMemoryLimit`). Above it the app
 * takes the file route, so the forced in-memory figure there is information, not a failure.
 */
export function checkRoutes(routes, inMemoryLimit) {
  const copies = TARGETS.inMemoryDatabaseCopies;
  const checks = [];
  for (const size of routes) {
    for (const [job, memory] of Object.entries(size.jobs.memory)) {
      const fixed = size.jobs.file[job].rssGrowth;
      const limit = copies * size.bytes + fixed;
      const within = memory.rssGrowth <= limit;
      const value = `${mib(memory.rssGrowth)} MiB vs ${copies} x ${mib(size.bytes)} + ${mib(fixed)} = ${mib(limit)} MiB`;
      checks.push({
        size: size.label,
        target: `${job}: in-memory peak growth <= ${copies} x database + fixed (the file route's growth)`,
        value: size.aboveLimit
          ? `${value} (${within ? 'within' : 'over'}); above the ${mib(inMemoryLimit)} MiB limit, ` +
            `so the app takes the file route (${mib(fixed)} MiB)`
          : value,
        pass: size.aboveLimit ? undefined : within,
      });
    }
  }
  return checks;
}
