/**
 * Whether two byte strings are equal. For public values only (public keys, key ids, hashes, KDF
 * salts): it stops at the first difference, so it must not compare secrets.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
