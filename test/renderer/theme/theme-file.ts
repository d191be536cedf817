import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The one stylesheet allowed to hold colour literals (src-renderer/src/theme.css). */
export const THEME_FILE = join(__dirname, '../../../src-renderer/src/theme.css');

export type ThemeName = 'light' | 'dark';

export interface ContrastRule {
  fg: string;
  bg: string;
  /** The WCAG minimum: 4.5 for text, 3 for large text and the parts of controls. */
  minimum: number;
}

export interface ThemeFile {
  /** Each token's colour per theme, as written (`#rrggbb`, `#rgb` or `#rrggbbaa`). */
  tokens: Map<string, Record<ThemeName, string>>;
  /** The `contrast: --a on --b 4.5` lines. */
  rules: ContrastRule[];
  /** Tokens named on the `decorative:` line: shown, but nothing is read on or against them. */
  decorative: Set<string>;
}

export function stripCssComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Reads the tokens (`--name: light-dark(<light>, <dark>);` in `:root`) and the declared pairs. */
export function parseThemeFile(css: string = readFileSync(THEME_FILE, 'utf8')): ThemeFile {
  const tokens = new Map<string, Record<ThemeName, string>>();
  const code = stripCssComments(css);
  for (const match of code.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    const [, name = '', value = ''] = match;
    const pair = /^light-dark\(\s*(#[0-9a-f]+)\s*,\s*(#[0-9a-f]+)\s*\)$/i.exec(value.trim());
    if (!pair) throw new Error(`${name}: expected light-dark(#light, #dark), found "${value.trim()}"`);
    if (tokens.has(name)) throw new Error(`${name} is declared twice; one place per colour`);
    tokens.set(name, { light: pair[1] ?? '', dark: pair[2] ?? '' });
  }
  const rules: ContrastRule[] = [];
  for (const match of css.matchAll(/contrast:\s*(--[\w-]+)\s+on\s+(--[\w-]+)\s+([\d.]+)/g)) {
    rules.push({ fg: match[1] ?? '', bg: match[2] ?? '', minimum: Number(match[3]) });
  }
  const decorative = new Set(/decorative:([^\n*]*)/.exec(css)?.[1]?.trim().split(/\s+/) ?? []);
  return { tokens, rules, decorative };
}

/** `#rgb`, `#rrggbb` or `#rrggbbaa` to 0-255 channels; alpha is refused (contrast needs opaque colours). */
export function parseHex(hex: string): [number, number, number] {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`${hex}: not an opaque #rgb or #rrggbb colour`);
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as [number, number, number];
}

/** WCAG 2.x relative luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio, from 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}
