import { NoteVaultError } from '../../src-shared/errors';

export function fail(message: string): never {
  throw new NoteVaultError('VALIDATION', message);
}

/** Accepts a plain object with only the listed keys: a misspelt field must not be ignored. */
export function expectRecord(
  value: unknown,
  what: string,
  allowedKeys: readonly string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`${what} must be an object (got ${describeValue(value)}).`);
  }
  const unknownKeys = Object.keys(value).filter((key) => !allowedKeys.includes(key));
  if (unknownKeys.length > 0) {
    fail(
      `${what} has unknown field(s) ${unknownKeys.join(', ')}; allowed fields are ${allowedKeys.join(', ')}.`,
    );
  }
  return value as Record<string, unknown>;
}

/** A short description of a rejected value for error messages, never the whole value. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'nothing';
    default:
      return `a value of type ${typeof value}`;
  }
}
