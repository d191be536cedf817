import { NoteVaultError } from '../../../../src-shared/errors';

/**
 * Padmé (Nikitin et al., PURBs, 2019; docs/backup-format.md section 15): the length a v2
 * backup pads a payload of `length` bytes to, so that only about log log L bits of the
 * database's size show. At most 11.7 % more (at 129 bytes), under 3.2 % from 1 MiB up.
 *
 * BigInt because the inputs go up to 2^53 - 1: JavaScript's bitwise operators stop at 32
 * bits, and L + 2^z - 1 can pass 2^53 where doubles no longer hold every integer. The result
 * is at most 2^53 and a multiple of 2^z, so it is exact as a number.
 */
export function padme(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new NoteVaultError(
      'INTERNAL',
      `Padmé needs a whole number of bytes from 0 to 2^53 - 1; got ${length}.`,
    );
  }
  if (length < 2) return length;
  const value = BigInt(length);
  const exponent = bitLength(value) - 1; // floor(log2(L))
  const sizeBits = bitLength(BigInt(exponent)); // floor(log2(E)) + 1
  const clear = BigInt(exponent - sizeBits);
  const mask = (1n << clear) - 1n;
  return Number((value + mask) & ~mask);
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}
