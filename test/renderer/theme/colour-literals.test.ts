import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colourLiteralsIn, cssColourLiterals, tsxColourLiterals } from './colour-literals';
import { THEME_FILE } from './theme-file';

const RENDERER = join(__dirname, '../../../src-renderer');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => join(folder, name));
}

describe('finding colour literals', () => {
  it('finds hex, colour functions and named colours, and leaves tokens and keywords alone', () => {
    expect(colourLiteralsIn('1px solid #ddd')).toEqual(['#ddd']);
    expect(colourLiteralsIn('rgb(0 0 0 / 45%)')).toEqual(['rgb(']);
    expect(colourLiteralsIn('HSL(10, 20%, 30%)')).toEqual(['HSL(']);
    expect(colourLiteralsIn('2px solid Red')).toEqual(['Red']);
    expect(colourLiteralsIn('1px solid var(--border)')).toEqual([]);
    expect(colourLiteralsIn('transparent')).toEqual([]);
    expect(colourLiteralsIn('currentColor')).toEqual([]);
    expect(colourLiteralsIn('inherit')).toEqual([]);
  });

  it('reads CSS declarations, not selectors or comments, and inline styles in components', () => {
    expect(cssColourLiterals('/* #fff */ .red:hover { color: var(--fg); }')).toEqual([]);
    expect(cssColourLiterals('.a {\n  border: 1px solid #ddd;\n}')).toEqual([
      'line 2: #ddd in "border: 1px solid #ddd"',
    ]);
    expect(tsxColourLiterals(`<div style={{ width: '10%', color: 'white' }} />`)).toEqual(['line 1: white']);
    expect(tsxColourLiterals(`el.style.background = '#123456';`)).toEqual(['line 1: #123456']);
    expect(tsxColourLiterals(`<div style={{ color: 'var(--danger)' }} />`)).toEqual([]);
  });

  it('reads the colour attributes of SVG elements, in any quoting', () => {
    expect(tsxColourLiterals(`<path fill="#c00" d="M0 0" />`)).toEqual(['line 1: #c00']);
    expect(tsxColourLiterals(`<path\n  stroke='red'\n/>`)).toEqual(['line 2: red']);
    expect(tsxColourLiterals(`<stop offset="0" stop-color="rgb(1 2 3)" />`)).toEqual(['line 1: rgb(']);
    expect(tsxColourLiterals(`<stop stopColor={'#fff'} />`)).toEqual(['line 1: #fff']);
    expect(tsxColourLiterals(`<svg color="navy" />`)).toEqual(['line 1: navy']);
    expect(tsxColourLiterals(`<feFlood floodColor="black" />`)).toEqual(['line 1: black']);
    expect(tsxColourLiterals(`<path fill="currentColor" stroke="var(--accent)" />`)).toEqual([]);
    expect(tsxColourLiterals(`<path fill="none" stroke={colour} />`)).toEqual([]);
    // Plain code that happens to name a variable `color` is not an attribute.
    expect(tsxColourLiterals(`const color = 'red';`)).toEqual([]);
  });
});

describe('the renderer', () => {
  it('names colours only in theme.css: no literal in any other stylesheet', () => {
    const sheets = filesUnder(RENDERER).filter((file) => file.endsWith('.css') && file !== THEME_FILE);
    expect(sheets.length).toBeGreaterThan(0);
    const found = sheets.flatMap((file) =>
      cssColourLiterals(readFileSync(file, 'utf8')).map(
        (problem) => `${relative(RENDERER, file)} ${problem}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('names colours only in theme.css: no literal in a component’s inline style or colour attribute', () => {
    const sources = filesUnder(RENDERER).filter(
      (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file),
    );
    const found = sources.flatMap((file) =>
      tsxColourLiterals(readFileSync(file, 'utf8')).map(
        (problem) => `${relative(RENDERER, file)} ${problem}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
