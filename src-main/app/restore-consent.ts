import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { NoteVaultError } from '../../src-shared/errors';

/** Long enough to read a preview and decide; short enough that a token left lying around expires. */
export const RESTORE_CONSENT_TTL_MS = 10 * 60 * 1000;

/** SHA-256 of the file's bytes, hex; streamed, so a large backup never sits in memory. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

interface Consent {
  path: string;
  sha256: string;
  expiresAt: number;
}

/**
 * The person's consent to replace their notes with one backup file: issued only when a preview
 * of that file succeeded, bound to the bytes that were previewed, short-lived and single use.
 * A restore needs one, so a renderer script cannot restore a file nobody was shown, and a file
 * swapped after its preview is refused.
 */
export class RestoreConsents {
  private readonly issued = new Map<string, Consent>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = RESTORE_CONSENT_TTL_MS,
  ) {}

  issue(path: string, sha256: string): string {
    this.dropExpired();
    const token = randomUUID();
    this.issued.set(token, { path, sha256, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  /**
   * The file `token` consents to, without spending it: what the native confirmation names
   * before the restore takes the token.
   */
  fileFor(token: string): string {
    const consent = this.issued.get(token);
    if (consent === undefined || consent.expiresAt <= this.now()) throw needsFreshPreview();
    return consent.path;
  }

  /**
   * The file `token` consents to, after checking it still holds the previewed bytes, with their
   * SHA-256: the restore job hashes the bytes it decrypts and refuses others, since the file can
   * still change after this check. The token is spent whatever the outcome: a refused or failed
   * restore needs a new preview.
   */
  async take(token: string): Promise<{ path: string; sha256: string }> {
    const consent = this.issued.get(token);
    this.issued.delete(token);
    if (consent === undefined || consent.expiresAt <= this.now()) throw needsFreshPreview();
    const sha256 = await sha256OfFile(consent.path).catch((cause: unknown) => {
      throw new NoteVaultError('IO', 'NoteVault cannot read the backup file any more. Choose it again.', {
        cause,
      });
    });
    if (sha256 !== consent.sha256) {
      throw new NoteVaultError(
        'VALIDATION',
        'The backup file changed after its preview. Preview it again before restoring.',
      );
    }
    return { path: consent.path, sha256: consent.sha256 };
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [token, consent] of this.issued) if (consent.expiresAt <= now) this.issued.delete(token);
  }
}

function needsFreshPreview(): NoteVaultError {
  return new NoteVaultError(
    'VALIDATION',
    'Preview the backup again before restoring it: a restore needs a fresh preview.',
  );
}
