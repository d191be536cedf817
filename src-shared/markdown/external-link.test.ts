import { describe, expect, it } from 'vitest';
import { checkExternalLink, EXTERNAL_LINK_MAX_CHARS, externalLinkOf } from './external-link';

describe('which links open outside NoteVault', () => {
  it('opens http, https and mailto, as the parser writes them', () => {
    expect(externalLinkOf('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
    expect(externalLinkOf('HTTP://Example.COM')).toBe('http://example.com/');
    expect(externalLinkOf('mailto:someone@example.com')).toBe('mailto:someone@example.com');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://notevault/index.html',
    'vscode://file/x',
    'ms-settings:',
    'attachment:' + 'a'.repeat(64),
    'about:blank',
    'ftp://example.com/',
  ])('keeps %s as text', (address) => {
    expect(externalLinkOf(address)).toBeNull();
  });

  it('refuses relative, empty, hostless and over-long addresses', () => {
    expect(externalLinkOf('notes/other.md')).toBeNull();
    expect(externalLinkOf('//example.com')).toBeNull();
    expect(externalLinkOf('')).toBeNull();
    expect(externalLinkOf('mailto:')).toBeNull();
    expect(externalLinkOf('https://')).toBeNull();
    const long = `https://example.com/${'a'.repeat(EXTERNAL_LINK_MAX_CHARS)}`;
    expect(checkExternalLink(long)).toEqual({
      ok: false,
      reason: 'the address is empty or longer than 2048 characters',
    });
  });

  it('refuses credentials and hidden whitespace, which disguise where a link goes', () => {
    expect(checkExternalLink('https://bank.example@evil.example/')).toEqual({
      ok: false,
      reason: 'the address carries a user name or password',
    });
    expect(externalLinkOf('https://user:pw@example.com/')).toBeNull();
    // The URL parser would drop the tab and newline and open https://example.com/.
    expect(externalLinkOf('java\tscript:alert(1)')).toBeNull();
    expect(externalLinkOf('https://exa\nmple.com/')).toBeNull();
    expect(externalLinkOf(' https://example.com/')).toBeNull();
    expect(externalLinkOf('https://example.com/\u0085')).toBeNull();
  });
});
