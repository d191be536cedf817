/**
 * How a note's Markdown refers to an attachment stored in the database: a link or image whose
 * URL is `attachment:` followed by the lower-case hex SHA-256 of the bytes, e.g.
 * `![diagram](attachment:9f86d0…)` or `[report.pdf](attachment:9f86d0…)`. The hash is the
 * attachment's only name: no path, no id the renderer could forge into a file. Export turns
 * these into relative `attachments/…` links and import turns those back (one source: here).
 */
export const ATTACHMENT_SCHEME = 'attachment:';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `attachment:<sha256>` for a hash, which must be 64 lower-case hex digits. */
export function attachmentUrl(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a lower-case hex SHA-256: ${sha256.slice(0, 80)}`);
  return `${ATTACHMENT_SCHEME}${sha256}`;
}

/** The hash a link URL names, or null when the URL is not an attachment reference. */
export function attachmentHashOf(url: string): string | null {
  if (!url.startsWith(ATTACHMENT_SCHEME)) return null;
  const hash = url.slice(ATTACHMENT_SCHEME.length);
  return SHA256_HEX.test(hash) ? hash : null;
}

/**
 * Every attachment hash a note's text refers to, each once, in order of first appearance. A
 * textual scan rather than a Markdown parse: it must be cheap on every save, and a reference
 * inside a code block still keeps its attachment (erring towards keeping bytes, never losing them).
 */
export function attachmentHashesIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/attachment:([0-9a-f]{64})(?![0-9a-f])/g)) found.add(match[1] as string);
  return [...found];
}
