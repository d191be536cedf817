import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// The built `notevault` bin, run exactly as npm's bin link runs it: plain Node, no Electron.
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');

function notevault(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test.describe('the built notevault command', () => {
  let work: string;
  test.beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'notevault-cli-e2e-'));
  });
  test.afterEach(() => rmSync(work, { recursive: true, force: true }));

  test('imports a folder of Markdown and exports it back unchanged', () => {
    const notes = join(work, 'notes');
    mkdirSync(join(notes, 'nested'), { recursive: true });
    writeFileSync(join(notes, 'groceries.md'), '# Groceries\r\n\r\n- milk\r\n- 🍓\r\n');
    writeFileSync(join(notes, 'nested', 'CON.md'), '# CON: a title Windows hates?\n\nbody');
    writeFileSync(join(notes, 'ignored.txt'), 'not markdown');
    const db = join(work, 'new-folder', 'notes.db');

    const imported = notevault('import', notes, '--db', db, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, command: 'import', imported: 2 });

    const out = join(work, 'exported');
    const exported = notevault('export', out, '--db', db, '--format', 'markdown', '--json');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ ok: true, command: 'export' });
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(files.every((name) => !/[<>:"/\\|?*]/.test(name) && !/^con\./i.test(name))).toBe(true);
    const groceries = files.find((name) => name.startsWith('Groceries'));
    // The title, tags, pinned and dates in NoteVault's front matter, then the body exactly.
    expect(readFileSync(join(out, groceries ?? 'missing'), 'utf8')).toMatch(
      /^---\r\ntitle: "Groceries"\r\ncreated: "[^"]+"\r\nupdated: "[^"]+"\r\n---\r\n\r\n- milk\r\n- 🍓\r\n$/u,
    );
  });

  test('usage errors exit 2 with one line on stderr', () => {
    const result = notevault('import');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^notevault: /);
  });

  test('a file that is not a NoteVault database is refused with exit 4', () => {
    const notADb = join(work, 'notes.db');
    writeFileSync(notADb, 'hello, I am a text file and not SQLite at all'.repeat(10));
    const result = notevault('export', join(work, 'out'), '--db', notADb, '--format', 'json');
    expect(result.code).toBe(4);
    expect(readFileSync(notADb, 'utf8')).toContain('hello, I am a text file');
  });
});
