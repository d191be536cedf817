// The three reference figures every measurement is compared with, on the same bytes:
// the disk floor (copying the file), our cipher's ceiling (libsodium secretstream in
// memory, as the backup uses it) and what a native binding could reach (Node's OpenSSL
// chacha20-poly1305). Each is timed after a warm-up, best of `runs`.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { copyFile, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';

const CHUNK = 64 * 1024;

function best(times) {
  return Math.min(...times);
}

/** fs.copyFile plus the fsync a backup also pays for. */
async function copyOnce(file, folder) {
  const target = join(folder, 'copy.db');
  const started = performance.now();
  await copyFile(file, target);
  const handle = await open(target, 'r+');
  await handle.sync();
  await handle.close();
  const ms = performance.now() - started;
  await rm(target, { force: true });
  return ms;
}

function secretstreamOnce(bytes, key) {
  const { state } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const tag = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  const started = performance.now();
  for (let at = 0; at < bytes.length; at += CHUNK) {
    sodium.crypto_secretstream_xchacha20poly1305_push(state, bytes.subarray(at, at + CHUNK), null, tag);
  }
  return performance.now() - started;
}

function nativeOnce(bytes, key) {
  const nonce = Buffer.alloc(12);
  const started = performance.now();
  for (let at = 0, counter = 0; at < bytes.length; at += CHUNK, counter++) {
    nonce.writeUInt32LE(counter, 0);
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    cipher.update(bytes.subarray(at, at + CHUNK));
    cipher.final();
    cipher.getAuthTag();
  }
  return performance.now() - started;
}

/** Not a reference but an explanation: what one SHA-256 pass over the bytes costs. */
function sha256Once(bytes) {
  const started = performance.now();
  createHash('sha256').update(bytes).digest();
  return performance.now() - started;
}

export async function measureReferences(file, folder, runs) {
  await sodium.ready;
  const bytes = await readFile(file);
  const sodiumKey = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const nativeKey = randomBytes(32);
  // Warm-up: JIT, WebAssembly heap growth and the page cache would otherwise count.
  await copyOnce(file, folder);
  secretstreamOnce(bytes.subarray(0, 8 * 1024 * 1024), sodiumKey);
  nativeOnce(bytes.subarray(0, 8 * 1024 * 1024), nativeKey);
  const copy = [];
  const stream = [];
  const native = [];
  const sha = [];
  for (let run = 0; run < runs; run++) {
    copy.push(await copyOnce(file, folder));
    stream.push(secretstreamOnce(bytes, sodiumKey));
    native.push(nativeOnce(bytes, nativeKey));
    sha.push(sha256Once(bytes));
  }
  return {
    copyFileMs: best(copy),
    secretstreamMs: best(stream),
    nativeChachaMs: best(native),
    sha256Ms: best(sha),
  };
}
