import { NoteVaultError } from '../../src-shared/errors';

export function fail(message: string): never {
  throw new NoteVaultError('VALIDATION', message);
}
