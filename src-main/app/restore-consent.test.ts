import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { RESTORE_CONSENT_TTL_MS, RestoreConsents, sha256OfFile } from './restore-consent';

let root: string;
let file: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-consent-'));
  file = join(root, 'a.nvbak');
  writeFileSync(file, 'previewed bytes');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a refusal'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(NoteVaultError);
      return error as NoteVaultError;
    },
  );

describe('RestoreConsents', () => {
  it('hashes the file with SHA-256', async () => {
    // printf 'previewed bytes' | sha256sum
    expect(await sha256OfFile(file)).toBe('95fa67934d3d12be942089ab8c70d34e7dfb94be60cc380b1dd892a9f6d32ea3');
  });

  it('expires ten minutes after the preview', async () => {
    let now = 1_000;
    const consents = new RestoreConsents(() => now);
    const fresh = consents.issue(file, await sha256OfFile(file));
    const late = consents.issue(file, await sha256OfFile(file));
    now += RESTORE_CONSENT_TTL_MS - 1;
    expect((await consents.take(fresh)).path).toBe(file);
    now += 1;
    expect((await refusal(consents.take(late))).code).toBe('VALIDATION');
  });

  it('refuses a token it never issued and one already used', async () => {
    const consents = new RestoreConsents();
    expect((await refusal(consents.take('made-up'))).message).toMatch(/fresh preview/);
    const token = consents.issue(file, await sha256OfFile(file));
    await consents.take(token);
    expect((await refusal(consents.take(token))).message).toMatch(/fresh preview/);
  });
});
