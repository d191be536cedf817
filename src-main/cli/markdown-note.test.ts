import { describe, expect, it } from 'vitest';
import { NOTE_LIMITS } from '../../src-shared/notes';
import {
  countCodePoints,
  findFirstHeading,
  markdownToNote,
  noteToMarkdown,
  shortenTitle,
} from './markdown-note';

describe('markdownToNote: title extraction', () => {
  it('takes the title from a heading on the first line and drops it and one blank line from the body', () => {
    const note = markdownToNote('# Groceries\n\n- milk\n- eggs\n', 'file');
    expect(note).toEqual({
      title: 'Groceries',
      body: '- milk\n- eggs\n',
      titleSource: 'heading',
      titleAdjustment: null,
      metadata: null,
    });
  });

  it('keeps a second blank line after the heading in the body', () => {
    expect(markdownToNote('# T\n\n\nx', 'f').body).toBe('\nx');
    expect(markdownToNote('# T\nx', 'f').body).toBe('x');
    expect(markdownToNote('# T', 'f').body).toBe('');
    expect(markdownToNote('# T\n', 'f').body).toBe('');
  });

  it('strips the heading marker and a closing run of #', () => {
    expect(markdownToNote('#   Spaced out ###\r\n\r\nbody', 'f').title).toBe('Spaced out');
  });

  it('uses the first level-1 heading further down, keeping the whole text as the body', () => {
    const text = 'Intro line\n\n## Sub\n\n# Real Title\n\ntext\n\n# Later\n';
    expect(markdownToNote(text, 'f')).toEqual({
      title: 'Real Title',
      body: text,
      titleSource: 'heading',
      titleAdjustment: null,
      metadata: null,
    });
  });

  it('ignores headings inside fenced code and YAML front matter', () => {
    const text =
      '---\n# yaml comment\ntags: [a]\n---\n```sh\n# install\n```\n~~~~\n# also code\n~~~\n~~~~\n# Outside\n';
    expect(findFirstHeading(text)).toBe('Outside');
    expect(findFirstHeading('```\n# inside only\n```\n')).toBeNull();
  });

  it('falls back to the file name when there is no heading', () => {
    expect(markdownToNote('just text\n', 'My file')).toEqual({
      title: 'My file',
      body: 'just text\n',
      titleSource: 'file-name',
      titleAdjustment: null,
      metadata: null,
    });
    expect(markdownToNote('', 'Empty').title).toBe('Empty');
    expect(markdownToNote('#\n\nempty heading', 'Name').title).toBe('Name');
  });

  it('normalizes a file-name title to NFC (macOS reports decomposed names)', () => {
    expect(markdownToNote('x', 'Cafe\u0301').title).toBe('Caf\u00e9');
  });

  it('reads a title from a one-key front matter block', () => {
    const note = markdownToNote('---\ntitle: " spaced "\n---\n\nbody', 'f');
    expect(note).toMatchObject({ title: ' spaced ', body: 'body', titleSource: 'front-matter' });
  });

  it('leaves other front matter in the body', () => {
    const text = '---\ntitle: "x"\ntags: [a]\n---\nbody';
    expect(markdownToNote(text, 'f')).toMatchObject({ title: 'f', body: text, titleSource: 'file-name' });
  });

  it('shortens a heading over the limit and keeps the full heading in the body', () => {
    const long = 'word '.repeat(150).trim(); // 749 characters
    const text = `# ${long}\n\nbody`;
    const note = markdownToNote(text, 'f');
    expect(countCodePoints(note.title)).toBeLessThanOrEqual(NOTE_LIMITS.titleMaxChars);
    expect(note.title.endsWith('…')).toBe(true);
    expect(long.startsWith(note.title.slice(0, -1))).toBe(true);
    expect(note.body).toBe(text);
    expect(note.titleAdjustment).toMatch(/shortened to 500 characters/);
  });

  it('counts the title limit in code points, so 500 emoji fit', () => {
    const emoji = '😀'.repeat(NOTE_LIMITS.titleMaxChars);
    expect(markdownToNote(`# ${emoji}\n`, 'f')).toMatchObject({
      title: emoji,
      body: '',
      titleAdjustment: null,
    });
  });

  it('replaces line breaks in a front matter title and keeps the original in the body', () => {
    const text = '---\ntitle: "two\\nlines"\n---\n\nbody';
    expect(markdownToNote(text, 'f')).toMatchObject({ title: 'two lines', body: text });
    expect(markdownToNote(text, 'f').titleAdjustment).toMatch(/line breaks/);
  });
});

describe('shortenTitle', () => {
  it('cuts at a grapheme boundary and adds an ellipsis', () => {
    const title = 'a' + '👨‍👩‍👧'.repeat(200);
    const short = shortenTitle(title, 20);
    expect(countCodePoints(short)).toBeLessThanOrEqual(20);
    expect(short).toBe('a' + '👨‍👩‍👧'.repeat(3) + '…');
  });

  it('leaves a title within the limit alone', () => {
    expect(shortenTitle('short', 20)).toBe('short');
  });
});

describe('noteToMarkdown then markdownToNote', () => {
  const titles = [
    'Plain',
    '',
    ' leading space',
    'trailing space ',
    'C#',
    'foo #',
    '###',
    '# looks like a heading',
    'back\\slash \\# mix',
    'tab\tinside',
    'emoji 🎉 and 日本語',
    'Cafe\u0301 (decomposed)',
    '---',
    'title: "x"',
    '😀'.repeat(NOTE_LIMITS.titleMaxChars),
  ];
  const bodies = [
    '',
    'one line',
    'ends with newline\n',
    '\n',
    '\r\n',
    '\n\nstarts with blank lines',
    'crlf\r\nlines\r\n',
    'mixed\r\nline\nendings\r',
    '# A heading of its own\n\ntext',
    '---\ntitle: "not mine"\n---\n',
    '\uFEFFinner BOM kept',
    '```\n# code\n```',
  ];

  it.each(titles)('gives back the title %j and every body exactly', (title) => {
    for (const body of bodies) {
      const text = noteToMarkdown({ title, body });
      const note = markdownToNote(text, 'ignored file name');
      expect({ title: note.title, body: note.body }).toEqual({ title, body });
      expect(note.titleAdjustment).toBeNull();
    }
  });

  it('writes the usual "# Title", blank line, body form', () => {
    expect(noteToMarkdown({ title: 'T', body: 'b\n' })).toBe('# T\n\nb\n');
    expect(noteToMarkdown({ title: 'T', body: '' })).toBe('# T\n');
    expect(noteToMarkdown({ title: 'T', body: 'a\r\nb' })).toBe('# T\r\n\r\na\r\nb');
    expect(noteToMarkdown({ title: '', body: 'b' })).toBe('---\ntitle: ""\n---\n\nb');
  });

  it('gives back a 1 MB body exactly', () => {
    const body = 'line with ü and 😀\r\n'.repeat(50_000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(1_000_000);
    expect(markdownToNote(noteToMarkdown({ title: 'Big', body }), 'x').body).toBe(body);
  });

  it('gives back random titles and bodies built from Markdown-hostile characters', () => {
    // Seeded (mulberry32) so a failure reproduces. Titles never hold line breaks: the
    // notes database refuses them.
    const bodyAlphabet = [
      '#',
      ' ',
      '\\',
      '\t',
      '\r',
      '\n',
      '\r\n',
      '-',
      '"',
      'a',
      'é',
      '😀',
      '`',
      '~',
      '*',
      '\u2028',
    ];
    const titleAlphabet = bodyAlphabet.filter((char) => !/[\r\n\u2028]/.test(char));
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (max: number) => Math.floor(random() * max);
    const randomText = (alphabet: string[], maxLength: number) =>
      Array.from({ length: pick(maxLength + 1) }, () => alphabet[pick(alphabet.length)] ?? '').join('');
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const title = randomText(titleAlphabet, 7);
      const body = randomText(bodyAlphabet, 12);
      seen.add(title);
      const note = markdownToNote(noteToMarkdown({ title, body }), 'f');
      expect({ title: note.title, body: note.body }).toEqual({ title, body });
    }
    expect(seen.size).toBeGreaterThan(1500);
  });
});

describe('NoteVault front matter: tags, pinned and dates', () => {
  const metadata = {
    tags: ['home', 'lists/weekly', 'with "quotes", commas'],
    pinned: true,
    createdAt: Date.UTC(2026, 11, 5, 10, 0, 0, 1),
    updatedAt: Date.UTC(2026, 11, 5, 11, 30, 0, 999),
  };

  it('writes them in the title block and reads them back with the body exact', () => {
    const text = noteToMarkdown({ title: 'Groceries', body: '---\nnot: front matter\n---\n' }, metadata);
    expect(text).toBe(
      '---\ntitle: "Groceries"\ntags: ["home","lists/weekly","with \\"quotes\\", commas"]\npinned: true\n' +
        'created: "2026-12-05T10:00:00.001Z"\nupdated: "2026-12-05T11:30:00.999Z"\n---\n\n---\nnot: front matter\n---\n',
    );
    expect(markdownToNote(text, 'x')).toEqual({
      title: 'Groceries',
      body: '---\nnot: front matter\n---\n',
      titleSource: 'front-matter',
      titleAdjustment: null,
      metadata,
    });
  });

  it('leaves front matter with any other key in the body, as someone else wrote it', () => {
    const text = '---\ntitle: "Trip"\ntags: ["a"]\nauthor: me\n---\n\nbody';
    expect(markdownToNote(text, 'x')).toMatchObject({ body: text, metadata: null });
  });
});
