import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP_HEADER } from './renderer-csp';

/**
 * The renderer's Content-Security-Policy is the last line of defence if pasted note text
 * ever reached the DOM as markup: it must not let any script run that is not one of our
 * own files. The meta tag in the source index.html is what Vite copies into the build.
 */
const indexHtml = readFileSync(join(__dirname, '..', '..', 'src-renderer', 'index.html'), 'utf8');

function cspMetaTags(html: string): string[] {
  const tags = html.match(/<meta\b[^>]*http-equiv\s*=\s*"Content-Security-Policy"[^>]*>/gi) ?? [];
  return tags.map((tag) => /\bcontent\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '');
}

function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // The first occurrence of a directive wins in browsers; a repeat is a mistake to flag.
    if (name && directives.has(name.toLowerCase())) throw new Error(`CSP repeats the directive ${name}`);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

describe("the renderer's Content-Security-Policy", () => {
  const tags = cspMetaTags(indexHtml);
  const policy = parsePolicy(tags[0] ?? '');

  it('is declared exactly once', () => {
    expect(tags).toHaveLength(1);
  });

  it("allows scripts only from the app's own files: script-src 'self'", () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    // The -elem/-attr variants would override script-src for their part if present.
    for (const directive of ['script-src-elem', 'script-src-attr', 'worker-src']) {
      for (const source of policy.get(directive) ?? []) expect(["'self'", "'none'"]).toContain(source);
    }
  });

  it('has no unsafe-inline, unsafe-eval or wasm-unsafe-eval for scripts, and no wildcard sources', () => {
    const scriptSources = ['script-src', 'script-src-elem', 'script-src-attr', 'default-src'].flatMap(
      (directive) => policy.get(directive) ?? [],
    );
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", "'unsafe-hashes'"])
      expect(scriptSources).not.toContain(bad);
    const everySource = [...policy.values()].flat();
    for (const wildcard of ['*', 'http:', 'https:', 'file:']) expect(everySource).not.toContain(wildcard);
  });

  it('allows blob: for images alone (attachments drawn from bytes main handed over), never for scripts', () => {
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    for (const [directive, sources] of policy) {
      if (directive !== 'img-src') expect(sources, directive).not.toContain('blob:');
    }
  });

  it("denies everything not listed, plugins and <base>: default-src, object-src and base-uri 'none'", () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('has no inline script for the policy to have to allow', () => {
    const scripts = indexHtml.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc\s*=/i);
  });
});

describe('the Content-Security-Policy header the app:// handler sends', () => {
  const header = parsePolicy(RENDERER_CSP_HEADER);
  const meta = parsePolicy(cspMetaTags(indexHtml)[0] ?? '');

  it("names app://notevault where the meta tag says 'self', and nothing else may load scripts", () => {
    expect(header.get('script-src')).toEqual(['app://notevault']);
    expect(header.get('style-src')).toEqual(['app://notevault']);
    expect(header.get('default-src')).toEqual(["'none'"]);
    const everySource = [...header.values()].flat();
    expect(everySource).not.toContain("'self'");
    for (const loose of ['*', 'app:', 'file:', 'http:', 'https:', "'unsafe-inline'", "'unsafe-eval'"])
      expect(everySource).not.toContain(loose);
    expect(header.get('img-src')).toEqual(['app://notevault', 'data:', 'blob:']);
    for (const [directive, sources] of header) {
      if (directive !== 'img-src') expect(sources, directive).not.toContain('blob:');
    }
  });

  it("allows nothing the meta tag forbids: each directive is the meta tag's, or tighter", () => {
    for (const [directive, sources] of header) {
      if (directive === 'frame-ancestors') continue; // only a header can say it
      const allowed = (meta.get(directive) ?? meta.get('default-src') ?? []).map((source) =>
        source === "'self'" ? 'app://notevault' : source,
      );
      for (const source of sources) {
        if (source === "'none'") continue;
        expect(allowed, `${directive} ${source}`).toContain(source);
      }
    }
  });

  it("keeps frames, <base>, forms, plugins and network requests out: 'none'", () => {
    for (const directive of ['frame-ancestors', 'base-uri', 'form-action', 'object-src', 'connect-src'])
      expect(header.get(directive), directive).toEqual(["'none'"]);
  });
});
