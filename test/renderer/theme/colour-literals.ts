import { stripCssComments } from './theme-file';

/** CSS's named colours (CSS Color 4), the ones a stylesheet could use instead of a token. */
const NAMED_COLOURS = new Set(
  `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet
  brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue
  darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange
  darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise
  darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia
  gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo
  ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
  lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
  lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon
  mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
  mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin
  navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen
  paleturquoise palevioletred papayawhip peru pink plum powderblue purple rebeccapurple red rosybrown
  royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray
  slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke
  yellow yellowgreen
  canvas canvastext linktext visitedtext activetext buttonface buttontext buttonborder field fieldtext
  highlight highlighttext selecteditem selecteditemtext mark marktext graytext accentcolor accentcolortext`
    .split(/\s+/)
    .filter(Boolean),
);

const COLOUR_FUNCTION = /\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|light-dark|color-mix)\(/i;
const HEX = /#[0-9a-f]{3,8}\b/i;

/** The colour literals in one CSS value or one string, e.g. `1px solid #ddd` gives `#ddd`. */
export function colourLiteralsIn(value: string): string[] {
  const found: string[] = [];
  const hex = HEX.exec(value);
  if (hex) found.push(hex[0]);
  const fn = COLOUR_FUNCTION.exec(value);
  if (fn) found.push(fn[0]);
  // Words outside var(--...) names: `var(--red-ish)` is a token, `red` is not.
  const words = value.replace(/var\([^)]*\)/g, ' ').match(/[a-z][a-z-]*/gi) ?? [];
  found.push(...words.filter((word) => NAMED_COLOURS.has(word.toLowerCase())));
  return found;
}

/** `line: literal in value` for every declaration of a stylesheet that names a colour itself. */
export function cssColourLiterals(css: string): string[] {
  const code = stripCssComments(css);
  const problems: string[] = [];
  // A declaration's value runs from its colon to the next `;` or `}`; selectors never come after a colon
  // inside a block, except pseudo-classes, which the `{` that follows them rules out.
  for (const match of code.matchAll(/([\w-]+)\s*:\s*([^;{}]+)(?=[;}])/g)) {
    const literals = colourLiteralsIn(match[2] ?? '');
    if (literals.length === 0) continue;
    const line = code.slice(0, match.index).split('\n').length;
    problems.push(`line ${line}: ${literals.join(', ')} in "${match[0].trim()}"`);
  }
  return problems;
}

/**
 * SVG's presentation attributes that take a colour, in JSX (`fill="#c00"`, `stopColor={'red'}`):
 * each is a colour the theme cannot change. Written as JSX writes attributes, after a space and
 * with no space around `=`, so `const color = 'red'` in plain code is not one.
 */
const COLOUR_ATTRIBUTE =
  /\s(?:fill|stroke|color|stop-?color|flood-?color|lighting-?color)=((?:"[^"]*"|'[^']*'|\{[^}]*\}))/gi;

/**
 * The same for a component: colour literals in its `style={{...}}` props, `.style` assignments
 * and colour attributes (COLOUR_ATTRIBUTE).
 */
export function tsxColourLiterals(source: string): string[] {
  const problems: string[] = [];
  const styles = [
    ...source.matchAll(/style=\{\{([\s\S]*?)\}\}/g),
    ...source.matchAll(/\.style(?:\.[\w]+\s*=|\.setProperty\()([^;\n]*)/g),
    ...source.matchAll(COLOUR_ATTRIBUTE),
  ].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  for (const match of styles) {
    const strings = (match[1] ?? '').match(/(['"`])(?:(?!\1).)*\1/g) ?? [];
    const literals = strings.flatMap((text) => colourLiteralsIn(text.slice(1, -1)));
    if (literals.length === 0) continue;
    const line = source.slice(0, match.index).split('\n').length;
    problems.push(`line ${line}: ${literals.join(', ')}`);
  }
  return problems;
}
