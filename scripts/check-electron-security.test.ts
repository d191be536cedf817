import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatReview,
  parseAllowlist,
  readFindings,
  reviewFindings,
  stageSources,
} from './check-electron-security.mjs';
import type { AllowlistEntry, Finding } from './check-electron-security.mjs';
import { reachableFiles } from './trace-product-files.mjs';

const script = join(__dirname, 'check-electron-security.mjs');

function finding(rule: string, file: string, line: number | undefined, source = ''): Finding {
  return { rule, file, line, source, manualReview: false, message: `${rule} message` };
}

const REASON = 'Reviewed: this is acceptable because of the protections described in the README.';

describe('parseAllowlist', () => {
  it('reads entries with a rule, a file, an optional match and a reason', () => {
    const entries = parseAllowlist(
      JSON.stringify({
        about: 'x',
        entries: [{ rule: 'SANDBOX_JS_CHECK', file: 'a.ts', match: 'x', reason: REASON }],
      }),
      'list.json',
    );
    expect(entries).toEqual([{ rule: 'SANDBOX_JS_CHECK', file: 'a.ts', match: 'x', reason: REASON }]);
  });

  it.each([
    ['no reason', { rule: 'SANDBOX_JS_CHECK', file: 'a.ts' }, /entries\.0\.reason/],
    [
      'a token reason',
      { rule: 'SANDBOX_JS_CHECK', file: 'a.ts', reason: 'ok' },
      /say why this finding is acceptable/,
    ],
    ['a lower-case rule', { rule: 'sandbox', file: 'a.ts', reason: REASON }, /electronegativity check id/],
    [
      'an unknown key',
      { rule: 'SANDBOX_JS_CHECK', file: 'a.ts', reason: REASON, severity: 'LOW' },
      /severity/,
    ],
  ])('refuses an entry with %s, naming the file and the entry', (_label, entry, problem) => {
    expect(() => parseAllowlist(JSON.stringify({ entries: [entry] }), 'list.json')).toThrow(/list\.json/);
    expect(() => parseAllowlist(JSON.stringify({ entries: [entry] }), 'list.json')).toThrow(problem);
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(() => parseAllowlist('{ entries: [] ', 'scripts/list.json')).toThrow(
      /scripts\/list\.json is not valid JSON/,
    );
  });
});

describe('reviewFindings', () => {
  const entries: AllowlistEntry[] = [
    { rule: 'AUXCLICK_JS_CHECK', file: 'src-main/w.ts', match: 'new BrowserWindow(', reason: REASON },
    { rule: 'CSP_GLOBAL_CHECK', file: 'src-renderer/index.html', reason: REASON },
  ];

  it('accepts findings an entry covers by rule, file and the flagged line', () => {
    const aux = finding('AUXCLICK_JS_CHECK', 'src-main/w.ts', 3, 'return new BrowserWindow({');
    const csp = finding('CSP_GLOBAL_CHECK', 'src-renderer/index.html', 5, '<meta');
    const review = reviewFindings([aux, csp], entries);
    expect(review.allowed.map((a) => a.finding)).toEqual([aux, csp]);
    expect(review.unlisted).toEqual([]);
    expect(review.stale).toEqual([]);
    expect(formatReview(review, 'list.json').ok).toBe(true);
  });

  it('does not let an entry cover the same rule on another line, in another file, or another rule', () => {
    const otherLine = finding('AUXCLICK_JS_CHECK', 'src-main/w.ts', 9, 'const view = new BrowserView({');
    const otherFile = finding('AUXCLICK_JS_CHECK', 'src-main/x.ts', 3, 'return new BrowserWindow({');
    const otherRule = finding('SANDBOX_JS_CHECK', 'src-main/w.ts', 3, 'return new BrowserWindow({');
    const review = reviewFindings([otherLine, otherFile, otherRule], entries);
    expect(review.unlisted).toEqual([otherLine, otherFile, otherRule]);
    const { ok, text } = formatReview(review, 'list.json');
    expect(ok).toBe(false);
    expect(text).toContain('Unreviewed findings (3):');
    expect(text).toContain('SANDBOX_JS_CHECK  src-main/w.ts:3  return new BrowserWindow({');
    expect(text).toContain('https://github.com/doyensec/electronegativity/wiki/SANDBOX_JS_CHECK');
    expect(text).toContain('add an entry with the reason to list.json');
  });

  it('fails on entries that no longer match anything, so the list cannot go stale', () => {
    const review = reviewFindings([], entries);
    expect(review.stale).toEqual(entries);
    const { ok, text } = formatReview(review, 'list.json');
    expect(ok).toBe(false);
    expect(text).toContain('match no finding any more (2); remove them');
  });
});

describe('readFindings', () => {
  let stage: string;
  beforeAll(() => {
    stage = mkdtempSync(join(tmpdir(), 'notevault-sarif-'));
    mkdirSync(join(stage, 'src-main'));
    writeFileSync(
      join(stage, 'src-main', 'main.ts'),
      'line one\n  const w = new BrowserWindow({\nline three\n',
    );
  });
  afterAll(() => rmSync(stage, { recursive: true, force: true }));

  it('turns SARIF results into findings with the flagged line, and global ones without a file', () => {
    // The shape electronegativity 1.10.3 writes (dist/util/file.js writeIssues).
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          results: [
            {
              ruleId: 'SANDBOX_JS_CHECK',
              level: 'warning',
              message: { text: 'Use sandbox for untrusted origins' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'src-main\\main.ts' },
                    region: { startLine: 2, startColumn: 13, charLength: 30 },
                  },
                },
              ],
            },
            {
              ruleId: 'LIMIT_NAVIGATION_GLOBAL_CHECK',
              level: 'note',
              message: { text: 'Missing navigation limits' },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'file:///' }, region: { startLine: 1 } } },
              ],
            },
          ],
        },
      ],
    };
    expect(readFindings(JSON.stringify(sarif), stage)).toEqual([
      {
        rule: 'SANDBOX_JS_CHECK',
        file: 'src-main/main.ts',
        line: 2,
        source: 'const w = new BrowserWindow({',
        manualReview: false,
        message: 'Use sandbox for untrusted origins',
      },
      {
        rule: 'LIMIT_NAVIGATION_GLOBAL_CHECK',
        file: '(global)',
        line: undefined,
        source: '',
        manualReview: true,
        message: 'Missing navigation limits',
      },
    ]);
  });

  it('refuses a report without results rather than reading it as clean', () => {
    expect(() => readFindings(JSON.stringify({ runs: [] }), stage)).toThrow(/no runs\[0\]\.results/);
  });
});

describe('stageSources', () => {
  it('stages product code only: every source it hands the scanner is reached from a build entry point', () => {
    const projectRoot = join(__dirname, '..');
    const stage = mkdtempSync(join(tmpdir(), 'notevault-eneg-stage-'));
    try {
      const reachable = reachableFiles(projectRoot);
      const notProduct = stageSources(projectRoot, stage)
        .map((file) => relative(stage, file))
        // package.json is scanned for the app's settings; a .d.ts holds types only.
        .filter((file) => file !== 'package.json' && !file.endsWith('.d.ts'))
        .filter((file) => !reachable.has(join(projectRoot, file)));
      expect(notProduct).toEqual([]);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });
});

describe('check-electron-security.mjs end to end', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'notevault-eneg-app-'));
    mkdirSync(join(root, 'src-main'));
    mkdirSync(join(root, 'src-renderer'));
    writeFileSync(
      join(root, 'src-main', 'main.ts'),
      [
        "import { app, BrowserWindow } from 'electron';",
        'app.on("web-contents-created", (_e, contents) => {',
        "  contents.on('will-navigate', (event) => event.preventDefault());",
        "  contents.setWindowOpenHandler(() => ({ action: 'deny' }));",
        '});',
        'export function open(): BrowserWindow {',
        '  return new BrowserWindow({',
        "    webPreferences: { contextIsolation: true, sandbox: false, disableBlinkFeatures: 'Auxclick' },",
        '  });',
        '}',
        '',
      ].join('\n'),
    );
    // Tests are not scanned: this fake window would otherwise be flagged several times over.
    writeFileSync(
      join(root, 'src-main', 'main.test.ts'),
      'const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n',
    );
    writeFileSync(join(root, 'src-main', 'broken.ts'), 'export const n: = ;\n');
    writeFileSync(
      join(root, 'src-renderer', 'index.html'),
      `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; object-src 'none'" /></head></html>\n`,
    );
    writeFileSync(join(root, 'package.json'), '{ "name": "fixture" }\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function run(allowlist: object) {
    const file = join(root, `allowlist-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(allowlist));
    const sarif = `${file}.sarif`;
    return new Promise<{ code: number | null; output: string; sarif: string }>((resolve) => {
      const child = spawn(process.execPath, [script, '--root', root, '--allowlist', file, '--sarif', sarif]);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (code) => resolve({ code, output, sarif }));
    });
  }

  it('fails on an unreviewed finding and on a file it cannot parse, naming rule, file and line', async () => {
    const { code, output, sarif } = await run({ entries: [] });
    expect(output).toContain('SANDBOX_JS_CHECK  src-main/main.ts:8');
    expect(output).toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK  (global)');
    expect(output).toMatch(
      /cannot parse, so its checks skipped them \(1\):\n {2}src-main\/broken\.ts: Unexpected token/,
    );
    expect(output).not.toContain('main.test.ts');
    expect(output).not.toContain('NODE_INTEGRATION');
    expect(output).toContain('Electron security check FAILED.');
    expect(code).toBe(1);
    // The scanner's own report is kept on request (for CI code-scanning upload).
    const report = JSON.parse(readFileSync(sarif, 'utf8')) as { version: string; runs: unknown[] };
    expect(report.version).toBe('2.1.0');
    expect(report.runs).toHaveLength(1);
  });
});
