import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// npm 11 runs a dependency's install scripts only as package.json's `allowScripts` says (issue
// #13). An approval names the exact version that was reviewed (`pkg@1.2.3`), so an update that
// changes the script needs a new review; a denial stays name-only, for every version. npm
// matches a pinned entry only against a lockfile entry that keeps its registry `resolved` URL,
// which .npmrc keeps npm from leaving out.
const root = join(__dirname, '..');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(root, name), 'utf8'));
const pkg = readJson('package.json') as { allowScripts: Record<string, boolean> };
const lock = readJson('package-lock.json') as {
  packages: Record<string, { version?: string; resolved?: string; hasInstallScript?: boolean }>;
};

/** Every installed copy of each package: name -> lockfile entries. */
function installed(): Map<string, { version?: string; resolved?: string; hasInstallScript?: boolean }[]> {
  const byName = new Map<string, { version?: string; resolved?: string; hasInstallScript?: boolean }[]>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '') continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  return byName;
}

/** `name@1.2.3` -> [name, 1.2.3]; a scoped name keeps its leading @. */
function splitPin(key: string): [string, string | undefined] {
  const at = key.lastIndexOf('@');
  return at > 0 ? [key.slice(0, at), key.slice(at + 1)] : [key, undefined];
}

describe('allowScripts', () => {
  const packages = installed();

  it('approves only exact versions, the ones package-lock.json installs from the registry', () => {
    const approved = Object.entries(pkg.allowScripts).filter(([, allowed]) => allowed);
    expect(approved.length).toBeGreaterThan(0);
    for (const [key] of approved) {
      const [name, version] = splitPin(key);
      expect(version, `${key} is approved by name, for any version`).toMatch(/^\d+\.\d+\.\d+$/);
      const copies = packages.get(name) ?? [];
      expect(copies.length, `${name} is not in package-lock.json`).toBeGreaterThan(0);
      for (const copy of copies) {
        expect(copy.version, `${key} does not match the installed ${name}`).toBe(version);
        expect(copy.resolved, `${name} has no resolved URL, so npm cannot match the pin`).toMatch(
          /^https:\/\/registry\.npmjs\.org\//,
        );
      }
    }
  });

  it('denies by name only, and leaves no install script unreviewed', () => {
    const denied = Object.entries(pkg.allowScripts).filter(([, allowed]) => !allowed);
    for (const [key] of denied)
      expect(splitPin(key)[1], `${key}: a denial covers every version`).toBe(undefined);
    const reviewed = new Set(Object.keys(pkg.allowScripts));
    for (const [name, copies] of packages) {
      for (const copy of copies.filter((entry) => entry.hasInstallScript === true)) {
        const covered = reviewed.has(name) || reviewed.has(`${name}@${copy.version}`);
        expect(covered, `${name}@${copy.version} has an install script nobody reviewed`).toBe(true);
      }
    }
  });

  it('keeps registry URLs in the lockfile (.npmrc), whatever the user config says', () => {
    const npmrc = readFileSync(join(root, '.npmrc'), 'utf8');
    expect(npmrc).toMatch(/^omit-lockfile-registry-resolved=false$/m);
  });
});
