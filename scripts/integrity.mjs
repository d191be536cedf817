// Checks a downloaded file against a pinned Subresource Integrity string, the form the npm
// registry publishes as `dist.integrity` (`sha512-<base64>`). Used for the native binaries the
// tests and CI fetch from the registry (issue #13): the Wine tier's Windows node.exe and
// .ci/run's Node. The pin is the registry's own value when it was reviewed, so a tarball that
// changes afterwards, on the registry or on the way, is refused before anything runs from it.
// A library only (bundled into the Wine tier's driver); the command is verify-integrity.mjs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const ALGORITHMS = new Set(['sha256', 'sha384', 'sha512']);

/** The `<algorithm>-<base64 digest>` of `bytes`. */
export function integrityOf(bytes, algorithm = 'sha512') {
  return `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
}

/** Throws unless `file` hashes to `expected`. */
export function assertIntegrity(file, expected) {
  const algorithm = /^([a-z0-9]+)-/.exec(expected)?.[1];
  if (algorithm === undefined || !ALGORITHMS.has(algorithm)) {
    throw new Error(`"${expected}" is not a sha256, sha384 or sha512 integrity string.`);
  }
  const actual = integrityOf(readFileSync(file), algorithm);
  if (actual !== expected) {
    throw new Error(
      `${file} is not the file that was pinned: its ${algorithm} is ${actual}, expected ${expected}. ` +
        'Delete it and download again; if it still differs, do not use it.',
    );
  }
}
