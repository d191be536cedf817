// The jobs measured on one database: a backup, a verify of it, a restore drill of it and
// restores of it, each in a fresh process (measure.mjs), best of `runs`.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { measureBest } from './measure.mjs';

/**
 * `inMemoryLimit` forces a route (0: the file route) or leaves the engine's default.
 * `overLive` adds a restore over a copy of the same database, as in the app, where a
 * restore always replaces notes and so first makes their safety backup.
 */
export async function measureJobs(setup) {
  const { paths, runs, log, dbFile, folder, keySource, tempParent, inMemoryLimit, nativeBinding } = setup;
  const options = {
    tempParent,
    ...(inMemoryLimit === undefined ? {} : { inMemoryLimit }),
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  };
  const jobs = {};
  const best = async (name, makeJob) => {
    jobs[name] = await measureBest(paths, runs, name, makeJob, log);
    return jobs[name].result;
  };
  const made = await best('backup', () => ({
    kind: 'backup',
    request: {
      databasePath: dbFile,
      destination: folder,
      keySource,
      kind: 'manual',
      appVersion: 'bench',
      ...options,
    },
  }));
  await best('verify', () => ({ kind: 'verify', request: { file: made.file, keySource, ...options } }));
  // As the drill service runs it, with what the catalogue recorded of the backup. Not in the
  // route comparison (`drill: false`): in memory it holds two databases by design (the decrypted
  // one and the rebuilt sandbox), plus on Node 20 the decrypted Buffer awaiting the collector.
  if (setup.drill !== false)
    await best('drill', () => ({
      kind: 'drill',
      request: {
        file: made.file,
        expected: { size: made.size, fileSha256: made.fileSha256, createdAt: made.metadata.createdAt },
        keySource,
        ...options,
      },
    }));
  const restoreInto = (name, live) =>
    best(name, async (run) => {
      const target = join(folder, `${name.replaceAll(' ', '-')}-${run}`);
      await mkdir(target);
      const databasePath = join(target, 'notes.db');
      if (live) await copyFile(dbFile, databasePath);
      return {
        kind: 'restore',
        request: {
          file: made.file,
          databasePath,
          keySource,
          // As in the app when the person says their passkey is the backup's.
          safetyKeySource: keySource,
          safetyBackupFolder: folder,
          appVersion: 'bench',
          ...options,
        },
      };
    });
  await restoreInto('restore', false);
  if (setup.overLive) await restoreInto('restore over live', true);
  return jobs;
}
