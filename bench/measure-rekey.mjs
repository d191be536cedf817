// Changing the passkey (docs/backup-pipeline.md, "Changing the passkey"): seconds for a folder
// of 50 v2 backups and for one backup of 1 GiB, without the two Argon2id runs (one for the old
// passkey's salt, one for the new passkey's, MODERATE as in the app), which the change reports
// apart. Runs the BUILT engine (out/bench/bench-engine.js):
//
//   npx electron-vite build -c bench/electron.vite.config.mts --ignoreConfigWarning && node bench/measure-rekey.mjs [--runs 3]
//
// The 1 GiB backup is encrypted once from a sparse file of zeros (tens of seconds); the change
// itself reads only its header and first chunk.
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const engine = createRequire(import.meta.url)(join(ROOT, 'out', 'bench', 'bench-engine.js'));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const CHEAP = { algorithm: 2, opslimit: 1, memlimit: 8192 };
const OLD = 'old: correct horse battery staple';
const NEW = 'new: tremble quartz wizard jovial';
const META = {
  appVersion: 'bench',
  schemaVersion: 3,
  createdAt: new Date().toISOString(),
  noteCount: 1,
  kind: 'manual',
};

async function passkeyRecipient(passkey, kdf) {
  const secretKey = await engine.passkeySecretKey(await engine.deriveKey(passkey, kdf));
  return { kind: 'passkey', kdf, publicKey: await engine.publicKeyOf(secretKey) };
}

function sparseFile(path, size) {
  const fd = openSync(path, 'w', 0o600);
  ftruncateSync(fd, size);
  closeSync(fd);
}

async function makeBackups(folder, source, count, recipient) {
  for (let i = 0; i < count; i++) {
    const fileKey = engine.newFileKey();
    await engine.encryptFileToFile(
      source,
      join(folder, `NoteVault-bench-${String(i).padStart(3, '0')}.nvbak`),
      {
        formatVersion: 2,
        fileKey,
        recipients: [recipient],
      },
      META,
    );
    fileKey.fill(0);
  }
}

/** Changes the folder's passkey back and forth; returns seconds without Argon2id per run. */
async function measure(label, folder, keysFolder, count) {
  const seconds = [];
  let [from, to] = [OLD, NEW];
  for (let run = 0; run < Number(values.runs); run++) {
    const report = await engine.changePasskey({
      keysFolder,
      backupFolders: [folder],
      oldPasskey: from,
      newPasskey: to,
    });
    if (report.changed !== count) throw new Error(`${label}: changed ${report.changed} of ${count}`);
    seconds.push(report.seconds - report.secondsDeriving);
    console.log(
      `${label}: ${(report.seconds - report.secondsDeriving).toFixed(3)} s without Argon2id ` +
        `(${report.derivations} runs, ${report.secondsDeriving.toFixed(2)} s; whole change ${report.seconds.toFixed(2)} s)`,
    );
    [from, to] = [to, from];
  }
  return seconds;
}

const root = await mkdtemp(join(tmpdir(), 'notevault-bench-rekey-'));
try {
  const recipient = await passkeyRecipient(OLD, {
    ...CHEAP,
    salt: crypto.getRandomValues(new Uint8Array(16)),
  });
  for (const [label, count, size] of [
    ['50 backups of 1 MiB', 50, 1024 * 1024],
    ['1 backup of 1 GiB', 1, 1024 * 1024 * 1024],
  ]) {
    const folder = join(root, `backups-${count}`);
    const keysFolder = join(root, `data-${count}`);
    await mkdir(folder);
    await mkdir(keysFolder);
    const source = join(root, 'zeros.bin');
    sparseFile(source, size);
    await makeBackups(folder, source, count, recipient);
    await rm(source);
    await engine.writeBackupKeys(keysFolder, {
      passkey: { kdf: recipient.kdf, publicKey: recipient.publicKey },
      recoveryCode: null,
    });
    await measure(label, folder, keysFolder, count);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
