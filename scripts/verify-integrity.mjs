#!/usr/bin/env node
// node scripts/verify-integrity.mjs <file> <sha512-...>: exit 1, saying why, unless the file
// has that integrity (integrity.mjs). .ci/run checks its Node tarball with it before unpacking.
import { assertIntegrity } from './integrity.mjs';

const [file, expected] = process.argv.slice(2);
if (file === undefined || expected === undefined) {
  console.error('usage: verify-integrity.mjs <file> <sha512-...>');
  process.exit(2);
}
try {
  assertIntegrity(file, expected);
} catch (error) {
  console.error(`verify-integrity: ${error.message}`);
  process.exit(1);
}
