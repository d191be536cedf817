import { describe, expect, it } from 'vitest';
import { contrastRatio, parseThemeFile } from './theme-file';
import type { ThemeName } from './theme-file';

const theme = parseThemeFile();
const THEMES: ThemeName[] = ['light', 'dark'];

describe('the WCAG contrast formula', () => {
  it('gives the known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // #767676 on white is the well-known lightest grey that passes AA for text.
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });
});

describe('theme.css', () => {
  it('declares contrast pairs, each between two tokens it defines', () => {
    expect(theme.rules.length).toBeGreaterThan(10);
    for (const { fg, bg } of theme.rules) {
      expect(theme.tokens.has(fg), `${fg} is not a token`).toBe(true);
      expect(theme.tokens.has(bg), `${bg} is not a token`).toBe(true);
    }
  });

  it('checks every token: each is in a contrast pair or named decorative', () => {
    const paired = new Set(theme.rules.flatMap((rule) => [rule.fg, rule.bg]));
    const unchecked = [...theme.tokens.keys()].filter(
      (name) => !paired.has(name) && !theme.decorative.has(name),
    );
    expect(unchecked).toEqual([]);
  });

  for (const name of THEMES) {
    it(`meets WCAG AA for every declared pair in the ${name} theme`, () => {
      const failures = theme.rules.flatMap(({ fg, bg, minimum }) => {
        const ratio = contrastRatio(theme.tokens.get(fg)?.[name] ?? '', theme.tokens.get(bg)?.[name] ?? '');
        return ratio < minimum ? [`${fg} on ${bg}: ${ratio.toFixed(2)}:1, needs ${minimum}:1`] : [];
      });
      expect(failures).toEqual([]);
    });
  }
});
