import { describe, expect, it } from 'vitest';
import {
  FileNameAllocator,
  MAX_STEM_BYTES,
  UNTITLED_STEM,
  fileNameKey,
  safeFileStem,
  truncateUtf8,
} from './safe-file-name';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('safeFileStem', () => {
  it('keeps an ordinary title as it is', () => {
    expect(safeFileStem('Shopping list 2024')).toBe('Shopping list 2024');
    expect(safeFileStem('Café ☕ 日本語 👩‍💻')).toBe('Café ☕ 日本語 👩‍💻');
  });

  it.each(['<', '>', ':', '"', '/', '\\', '|', '?', '*'])(
    'replaces the Windows-forbidden character %j',
    (char) => {
      expect(safeFileStem(`a${char}b`)).toBe('a_b');
    },
  );

  it('replaces every control character 0-31 and DEL', () => {
    for (let code = 0; code <= 31; code += 1) {
      expect(safeFileStem(`a${String.fromCharCode(code)}b`)).toBe('a_b');
    }
    expect(safeFileStem('a\u007fb')).toBe('a_b');
  });

  it('replaces bidirectional overrides and line separators', () => {
    expect(safeFileStem('invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(safeFileStem('a\u2028b\u2029c')).toBe('a_b_c');
  });

  it('handles the Windows-hostile title a:b?', () => {
    expect(safeFileStem('a:b?')).toBe('a_b_');
  });

  it.each([
    ['CON', 'CON_'],
    ['con', 'con_'],
    ['Prn', 'Prn_'],
    ['AUX', 'AUX_'],
    ['nul', 'nul_'],
    ['COM1', 'COM1_'],
    ['com9', 'com9_'],
    ['LPT1', 'LPT1_'],
    ['lpt9', 'lpt9_'],
    ['COM¹', 'COM¹_'],
    ['lpt³', 'lpt³_'],
    ['CONIN$', 'CONIN$_'],
    ['con.txt', 'con_.txt'],
    ['NUL.tar.gz', 'NUL_.tar.gz'],
    ['CON .txt', 'CON_ .txt'],
    ['CON.', 'CON_'],
    ['  aux  ', 'aux_'],
  ])('renames the reserved device name %j to %j', (title, stem) => {
    expect(safeFileStem(title)).toBe(stem);
  });

  it('leaves names that only start like a device name alone', () => {
    expect(safeFileStem('CONTENT')).toBe('CONTENT');
    expect(safeFileStem('console.log')).toBe('console.log');
    expect(safeFileStem('COM10')).toBe('COM10');
    expect(safeFileStem('my con')).toBe('my con');
  });

  it('drops trailing dots and spaces and leading/trailing whitespace', () => {
    expect(safeFileStem('trailing. ')).toBe('trailing');
    expect(safeFileStem('dots...')).toBe('dots');
    expect(safeFileStem('  padded\t')).toBe('padded');
    expect(safeFileStem('\u3000ideographic space\u00a0')).toBe('ideographic space');
  });

  it('drops leading dots so the file is not hidden', () => {
    expect(safeFileStem('.hidden')).toBe('hidden');
    expect(safeFileStem('...and then')).toBe('and then');
  });

  it.each(['', '   ', '...', '. . .', '\t\n'])('names an empty-looking title %j Untitled', (title) => {
    expect(safeFileStem(title)).toBe(UNTITLED_STEM);
  });

  it('normalizes to NFC so macOS and Linux agree', () => {
    const decomposed = 'Cafe\u0301';
    expect(safeFileStem(decomposed)).toBe('Caf\u00e9');
    expect(safeFileStem(decomposed)).toBe(safeFileStem('Caf\u00e9'));
  });

  it('caps a 300-character title at the byte limit', () => {
    const stem = safeFileStem('x'.repeat(300));
    expect(stem).toBe('x'.repeat(MAX_STEM_BYTES));
  });

  it('never splits an emoji, surrogate pair or accented letter when shortening', () => {
    const family = '👨‍👩‍👧‍👦'; // 25 bytes, one grapheme
    const stem = safeFileStem(family.repeat(20));
    expect(bytes(stem)).toBeLessThanOrEqual(MAX_STEM_BYTES);
    expect(stem).toBe(family.repeat(Math.floor(MAX_STEM_BYTES / bytes(family))));

    const accented = 'e\u0301'.repeat(150); // NFC makes each one é (2 bytes)
    expect(safeFileStem(accented)).toBe('é'.repeat(100));

    const emoji = 'a' + '😀'.repeat(100); // 1 + 4 bytes each
    const cut = safeFileStem(emoji);
    expect(cut).toBe('a' + '😀'.repeat(49));
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('cuts a single oversized grapheme at a code point boundary', () => {
    const zalgo = 'a' + '\u0301'.repeat(300); // one grapheme, 601 bytes
    const stem = truncateUtf8(zalgo, MAX_STEM_BYTES);
    expect(bytes(stem)).toBeLessThanOrEqual(MAX_STEM_BYTES);
    expect(stem.startsWith('a\u0301')).toBe(true);
  });

  it('re-checks trailing spaces and device names after shortening', () => {
    const title = 'CON' + ' '.repeat(MAX_STEM_BYTES - 3) + 'tail';
    expect(safeFileStem(title)).toBe('CON_');
    expect(safeFileStem('a'.repeat(MAX_STEM_BYTES - 1) + ' b')).toBe('a'.repeat(MAX_STEM_BYTES - 1));
  });

  it('always leaves room for a suffix and .md within 255 bytes', () => {
    for (const title of ['ü'.repeat(400), '😀'.repeat(300), '中'.repeat(300), 'CON'.repeat(100)]) {
      expect(bytes(`${safeFileStem(title)} (99999).md`)).toBeLessThanOrEqual(255);
    }
  });
});

describe('FileNameAllocator', () => {
  it('adds (2), (3) to duplicate titles', () => {
    const names = new FileNameAllocator();
    expect(['Note', 'Note', 'Note'].map((t) => names.allocate(t))).toEqual([
      'Note.md',
      'Note (2).md',
      'Note (3).md',
    ]);
  });

  it('treats names differing only in case or normalization as the same file', () => {
    const names = new FileNameAllocator();
    expect(names.allocate('Note')).toBe('Note.md');
    expect(names.allocate('note')).toBe('note (2).md');
    expect(names.allocate('NOTE')).toBe('NOTE (3).md');
    expect(names.allocate('Cafe\u0301')).toBe('Café.md');
    expect(names.allocate('CAFÉ')).toBe('CAFÉ (2).md');
  });

  it('treats titles that sanitize to the same name as duplicates', () => {
    const names = new FileNameAllocator();
    expect(names.allocate('a:b')).toBe('a_b.md');
    expect(names.allocate('a?b')).toBe('a_b (2).md');
    expect(names.allocate('')).toBe('Untitled.md');
    expect(names.allocate('   ')).toBe('Untitled (2).md');
  });

  it('avoids names already in the folder, whatever their case', () => {
    const names = new FileNameAllocator(['README.MD', 'tasks (2).md']);
    expect(names.allocate('readme')).toBe('readme (2).md');
    expect(names.allocate('Tasks')).toBe('Tasks.md');
    expect(names.allocate('TASKS')).toBe('TASKS (3).md');
  });

  it('skips a reserved name', () => {
    const names = new FileNameAllocator();
    names.reserve('x.md');
    expect(names.allocate('X')).toBe('X (2).md');
  });
});

describe('fileNameKey', () => {
  it('is case- and normalization-insensitive', () => {
    expect(fileNameKey('Straße.md')).toBe(fileNameKey('STRASSE.MD'));
    expect(fileNameKey('Cafe\u0301.md')).toBe(fileNameKey('CAFÉ.md'));
    expect(fileNameKey('a.md')).not.toBe(fileNameKey('b.md'));
  });
});
