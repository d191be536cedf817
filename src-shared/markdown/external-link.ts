/**
 * Which link addresses NoteVault hands to the system browser or mail app: http, https and
 * mailto only, parsed with the WHATWG URL parser (the one browsers use, so what is checked is
 * what opens). The main process decides with this before shell.openExternal (links:open), and
 * the reading view uses it to decide what is drawn as a link at all; anything else stays text.
 *
 * Refused besides other schemes (file:, javascript:, data:, app:, custom handlers):
 * - credentials in the address (`https://bank.example@evil.example/`): a classic way to
 *   disguise the real host, and a password in a note should not travel to a browser;
 * - whitespace or control characters anywhere: the parser silently drops tabs and newlines,
 *   so a look-alike address could open something other than what the note shows;
 * - addresses longer than EXTERNAL_LINK_MAX_CHARS.
 */
export const EXTERNAL_LINK_MAX_CHARS = 2048;

const SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

// The parser exists in both processes (Node and Chromium); src-shared compiles without their
// libs, so the little of it used here is declared.
interface ParsedUrl {
  href: string;
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  pathname: string;
}
declare const URL: new (input: string) => ParsedUrl;

export type LinkVerdict = { ok: true; href: string } | { ok: false; reason: string };

/** Whether `address` may be opened outside NoteVault, and the exact address to open. */
export function checkExternalLink(address: string): LinkVerdict {
  if (address.length === 0 || address.length > EXTERNAL_LINK_MAX_CHARS) {
    return { ok: false, reason: `the address is empty or longer than ${EXTERNAL_LINK_MAX_CHARS} characters` };
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(address)) {
    return { ok: false, reason: 'the address contains whitespace or control characters' };
  }
  let url: ParsedUrl;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, reason: 'the address is not an absolute URL' };
  }
  if (!SCHEMES.has(url.protocol)) return { ok: false, reason: `the scheme ${url.protocol} is not allowed` };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'the address carries a user name or password' };
  }
  if (url.protocol === 'mailto:' ? url.pathname === '' : url.hostname === '') {
    return { ok: false, reason: 'the address names no host or recipient' };
  }
  return { ok: true, href: url.href };
}

/** The address to open, or null when it stays text. */
export function externalLinkOf(address: string): string | null {
  const verdict = checkExternalLink(address);
  return verdict.ok ? verdict.href : null;
}
