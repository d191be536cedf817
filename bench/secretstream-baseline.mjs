// One-off measurement, not a test: in-memory secretstream throughput by chunk size, the
// baseline for the backup writer's throughput target (>= 40% of these numbers).
// Run: node bench/secretstream-baseline.mjs
import sodium from 'libsodium-wrappers-sumo';

await sodium.ready;
const PUSH_TOTAL = 256 * 1024 * 1024;
const PULL_TOTAL = 64 * 1024 * 1024;
const TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();

function pushMBps(chunkSize) {
  const plain = new Uint8Array(chunkSize).fill(7);
  const { state } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const start = performance.now();
  for (let done = 0; done < PUSH_TOTAL; done += chunkSize) {
    sodium.crypto_secretstream_xchacha20poly1305_push(state, plain, null, TAG_MESSAGE);
  }
  return PUSH_TOTAL / 1e6 / ((performance.now() - start) / 1000);
}

function pullMBps(chunkSize) {
  const plain = new Uint8Array(chunkSize).fill(7);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const ciphertexts = [];
  for (let done = 0; done < PULL_TOTAL; done += chunkSize) {
    ciphertexts.push(sodium.crypto_secretstream_xchacha20poly1305_push(state, plain, null, TAG_MESSAGE));
  }
  const pull = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  const start = performance.now();
  for (const ciphertext of ciphertexts) {
    if (sodium.crypto_secretstream_xchacha20poly1305_pull(pull, ciphertext, null) === false) {
      throw new Error('pull failed');
    }
  }
  return PULL_TOTAL / 1e6 / ((performance.now() - start) / 1000);
}

// Warm-up: JIT and WebAssembly heap growth would otherwise count against the first size.
pushMBps(64 * 1024);
pullMBps(64 * 1024);
for (const chunkSize of [64 * 1024, 256 * 1024, 1024 * 1024]) {
  const push = pushMBps(chunkSize);
  const pull = pullMBps(chunkSize);
  console.log(`${chunkSize / 1024} KiB chunks: push ${push.toFixed(0)} MB/s, pull ${pull.toFixed(0)} MB/s`);
}
