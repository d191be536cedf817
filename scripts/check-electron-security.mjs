#!/usr/bin/env node
// Runs electronegativity (Doyensec's scanner for Electron misconfigurations) over the app's
// sources and fails on any finding that is not in the reviewed allow-list.
//
//   node scripts/check-electron-security.mjs [--allowlist <file>] [--sarif <file>] [--root <dir>]
//
// Why it is wrapped rather than run directly:
// - electronegativity exits 0 whatever it finds, so this reads its SARIF report instead.
// - That SARIF carries no severity (only "note" for manual-review items, "warning" for the
//   rest), so the gate is the allow-list: every finding, whatever its severity, needs an
//   entry with a reason someone wrote after looking at it (scripts/electron-security-allowlist.json).
//   An entry that no longer matches anything fails too, so the list cannot silently go stale;
//   and because the current list expects findings, it also catches a scanner that ran no checks.
// - When writing a report it does not print files it could not parse: it just skips them.
//   This parses every file first with the scanner's own parser and fails on any it cannot read.
// - It scans the sources, not the bundle in out/: in the bundle `new BrowserWindow(...)` becomes
//   `new electron.BrowserWindow(...)`, which its window checks do not recognise (a bundle scan
//   passes a `sandbox: false`), and a finding in a source file points at a line people can fix.
//   Tests are left out by path: test support, fixtures and harnesses live in test/, which is not
//   scanned, and the *.test.* files beside the code are filtered out. Their fake windows are
//   not windows the app creates.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { electronVersion } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What is scanned, relative to the project root: the product folders, never test/. */
export const SCANNED = ['src-main', 'src-renderer', 'package.json'];

/** Checks left out, each with the reason. */
export const EXCLUDED_CHECKS = {
  // Downloads Electron's release list on every run (and caches it in the OS temp folder): the
  // result depends on the network and the day, not on this code. Electron upgrades are
  // tracked as dependency updates instead.
  AvailableSecurityFixesGlobalCheck: 'needs the network; Electron versions are tracked as dependency updates',
};

const isTestFile = (path) => /\.test\.[cm]?[jt]sx?$/.test(path);
// The files electronegativity reads (its util/file.js list_files).
const isScannedFile = (path) => /\.(?:[jt]sx?|html?)$/i.test(path) || /package(?:-lock)?\.json$/i.test(path);

/** Copies what is scanned into `stage`, without tests. */
export function stageSources(root, stage) {
  for (const item of SCANNED) {
    const source = join(root, item);
    if (!existsSync(source)) throw new Error(`${source} is missing: nothing to scan there.`);
    cpSync(source, join(stage, item), { recursive: true, filter: (path) => !isTestFile(path) });
  }
  return readdirSync(stage, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && isScannedFile(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Files electronegativity's parser cannot read, with the reason: they would go unscanned. */
export function findUnparseable(files) {
  const { Parser } = require('@doyensec/electronegativity/dist/parser/parser.js');
  // The same settings as its runner (dist/runner.js: new Parser(false, true)).
  const parser = new Parser(false, true);
  const failures = [];
  for (const file of files) {
    try {
      parser.parse(file, readFileSync(file));
    } catch (error) {
      failures.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}

function scannerInfo() {
  const packageJson = require.resolve('@doyensec/electronegativity/package.json');
  const { version, bin } = JSON.parse(readFileSync(packageJson, 'utf8'));
  return { version, bin: join(dirname(packageJson), bin.electronegativity) };
}

/** Runs the scanner's CLI over `stage`, writing SARIF to `sarifFile`; rejects if it did not finish. */
export function runElectronegativity(stage, sarifFile, version, timeoutMs = 180_000) {
  const { bin } = scannerInfo();
  const args = [bin, '-i', stage, '-o', sarifFile, '-r', '-e', version];
  args.push('-x', Object.keys(EXCLUDED_CHECKS).join(','));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && existsSync(sarifFile)) return resolvePromise(output);
      const how = signal ? `was stopped (${signal}) after ${timeoutMs / 1000} s` : `exited with ${code}`;
      reject(new Error(`electronegativity ${how} without a report. Its output:\n${output}`));
    });
  });
}

/** The SARIF results as findings; `stage` is read for the flagged line's text. */
export function readFindings(sarifText, stage) {
  const sarif = JSON.parse(sarifText);
  const results = sarif?.runs?.[0]?.results;
  if (!Array.isArray(results)) throw new Error('The SARIF report has no runs[0].results array.');
  return results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? 'file:///';
    // Global checks (about the app as a whole) have no file; the scanner writes file:///.
    const file = uri === 'file:///' ? '(global)' : uri.replaceAll('\\', '/');
    const line = file === '(global)' ? undefined : location?.region?.startLine;
    return {
      rule: String(result.ruleId),
      file,
      line,
      source: line === undefined ? '' : sourceLine(join(stage, file), line),
      manualReview: result.level === 'note',
      message: String(result.message?.text ?? ''),
    };
  });
}

function sourceLine(file, line) {
  try {
    return (readFileSync(file, 'utf8').split('\n')[line - 1] ?? '').trim();
  } catch {
    return '';
  }
}

const allowlistSchema = z.strictObject({
  about: z.string().optional(),
  entries: z.array(
    z.strictObject({
      rule: z
        .string()
        .regex(/^[A-Z0-9_]+$/, 'a rule is an electronegativity check id such as SANDBOX_JS_CHECK'),
      file: z.string().min(1, 'name the file (relative to the project root) or "(global)"'),
      match: z.string().min(1).optional(),
      reason: z.string().trim().min(40, 'say why this finding is acceptable, in a sentence or more'),
    }),
  ),
});

/** Reads and checks the allow-list; a malformed one is an error naming the entry. */
export function parseAllowlist(text, path) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${error.message}`, { cause: error });
  }
  const parsed = allowlistSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
    throw new Error(`${path} is not a valid allow-list:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data.entries;
}

function covers(entry, finding) {
  return (
    entry.rule === finding.rule &&
    entry.file === finding.file &&
    (entry.match === undefined || finding.source.includes(entry.match))
  );
}

/** Splits findings into allowed (with their entry) and unlisted, and finds unused entries. */
export function reviewFindings(findings, entries) {
  const used = new Set();
  const allowed = [];
  const unlisted = [];
  for (const finding of findings) {
    const entry = entries.find((candidate) => covers(candidate, finding));
    if (entry) {
      used.add(entry);
      allowed.push({ finding, entry });
    } else unlisted.push(finding);
  }
  return { allowed, unlisted, stale: entries.filter((entry) => !used.has(entry)) };
}

const where = (finding) => (finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`);
const wiki = (rule) => `https://github.com/doyensec/electronegativity/wiki/${rule}`;

/** The text printed for a review; `ok` says whether the check passes. */
export function formatReview({ allowed, unlisted, stale }, allowlistPath) {
  const lines = [];
  if (allowed.length > 0) {
    lines.push(`Reviewed findings (${allowed.length}), accepted in ${allowlistPath}:`);
    for (const { finding, entry } of allowed) {
      lines.push(`  ${finding.rule}  ${where(finding)}${finding.source ? `  ${finding.source}` : ''}`);
      lines.push(`    ${entry.reason}`);
    }
  }
  if (unlisted.length > 0) {
    lines.push(`Unreviewed findings (${unlisted.length}):`);
    for (const finding of unlisted) {
      lines.push(`  ${finding.rule}  ${where(finding)}${finding.source ? `  ${finding.source}` : ''}`);
      lines.push(
        `    ${finding.message}${finding.manualReview ? ' (needs a manual review)' : ''}  ${wiki(finding.rule)}`,
      );
    }
    lines.push(
      `Fix them, or, once reviewed and found acceptable, add an entry with the reason to ${allowlistPath}.`,
    );
  }
  if (stale.length > 0) {
    lines.push(`Allow-list entries that match no finding any more (${stale.length}); remove them:`);
    for (const entry of stale)
      lines.push(`  ${entry.rule}  ${entry.file}${entry.match ? `  "${entry.match}"` : ''}`);
  }
  return { ok: unlisted.length === 0 && stale.length === 0, text: lines.join('\n') };
}

function parseArgs(argv) {
  const options = {
    root: projectRoot,
    allowlist: join(projectRoot, 'scripts', 'electron-security-allowlist.json'),
    sarif: undefined,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--help' || name === '-h') return { help: true };
    if (!['--root', '--allowlist', '--sarif'].includes(name ?? '') || value === undefined) {
      throw new Error(`unknown option or missing value: ${name}`);
    }
    options[name.slice(2)] = resolve(value);
    i += 1;
  }
  return options;
}

async function main(argv) {
  const options = parseArgs(argv);
  if (options.help) {
    console.log(
      'usage: check-electron-security.mjs [--allowlist <file>] [--sarif <copy-to.sarif>] [--root <dir>]',
    );
    return 0;
  }
  const started = Date.now();
  const entries = parseAllowlist(readFileSync(options.allowlist, 'utf8'), options.allowlist);
  const work = mkdtempSync(join(tmpdir(), 'notevault-electronegativity-'));
  try {
    const stage = join(work, 'app');
    const files = stageSources(options.root, stage);
    const sarifFile = join(work, 'electronegativity.sarif');
    // The installed Electron, which is what the app runs on (the scanner would guess from package.json).
    const electron = electronVersion();
    // The scanner spends most of its time waiting for update checks to time out: parse meanwhile.
    const scan = runElectronegativity(stage, sarifFile, electron);
    const unparseable = findUnparseable(files);
    await scan;
    if (options.sarif) copyFileSync(sarifFile, options.sarif);
    const findings = readFindings(readFileSync(sarifFile, 'utf8'), stage);
    const review = formatReview(reviewFindings(findings, entries), relative(options.root, options.allowlist));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `electronegativity ${scannerInfo().version} (Electron ${electron}) scanned ${files.length} files ` +
        `in ${SCANNED.join(', ')} in ${seconds} s: ${findings.length} findings.`,
    );
    for (const [check, reason] of Object.entries(EXCLUDED_CHECKS))
      console.log(`Not run: ${check} (${reason}).`);
    if (review.text) console.log(review.text);
    if (unparseable.length > 0) {
      console.log(
        `Files electronegativity cannot parse, so its checks skipped them (${unparseable.length}):`,
      );
      for (const { file, reason } of unparseable)
        console.log(`  ${relative(stage, file).replaceAll('\\', '/')}: ${reason}`);
    }
    const ok = review.ok && unparseable.length === 0;
    console.log(ok ? 'Electron security check passed.' : 'Electron security check FAILED.');
    return ok ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`check-electron-security: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
