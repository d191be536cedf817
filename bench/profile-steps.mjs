// Where a backup's time goes: each step of the file path timed on its own, in this thread,
// with the built engine's format functions and better-sqlite3 directly. Run with --profile.
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const CHUNK_SIZES = [64 * 1024, 256 * 1024, 1024 * 1024];

async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function hashFile(file) {
  const handle = await open(file, 'r');
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  try {
    for (let position = 0; ;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export async function profileSteps(engine, databaseFile, folder, key, kdf) {
  const snapshot = join(folder, 'profile-snapshot.db');
  const steps = [];
  const live = new Database(databaseFile, { readonly: true });
  steps.push({
    step: 'VACUUM INTO (snapshot)',
    ...(await timed(() => live.prepare('VACUUM INTO ?').run(snapshot))),
  });
  live.close();
  const copy = new Database(snapshot);
  copy.pragma('journal_mode = DELETE');
  steps.push({ step: 'PRAGMA integrity_check', ...(await timed(() => copy.pragma('integrity_check(5)'))) });
  copy.close();
  steps.push({ step: 'SHA-256 pass over the file', ...(await timed(() => hashFile(snapshot))) });
  const metadata = {
    appVersion: 'bench',
    schemaVersion: 2,
    createdAt: new Date().toISOString(),
    noteCount: 0,
    kind: 'manual',
  };
  for (const chunkSize of CHUNK_SIZES) {
    const target = join(folder, `profile-${chunkSize}.nvbak`);
    const label = `${chunkSize / 1024} KiB chunks`;
    steps.push({
      step: `encryptFileToFile, ${label} (hash pass + encrypt + fsync)`,
      ...(await timed(() =>
        engine.encryptFileToFile(snapshot, target, { formatVersion: 1, key, kdf }, metadata, { chunkSize }),
      )),
    });
    steps.push({ step: `decryptFile, ${label}`, ...(await timed(() => engine.decryptFile(target, key))) });
    await rm(target, { force: true });
  }
  await rm(snapshot, { force: true });
  return steps.map(({ step, ms }) => ({ step, ms }));
}

export function formatProfile(label, bytes, steps) {
  return steps
    .map(
      ({ step, ms }) =>
        `${label.padEnd(8)} ${step.padEnd(62)} ${(ms / 1000).toFixed(2).padStart(6)} s ${(bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(5)} MB/s`,
    )
    .join('\n');
}
