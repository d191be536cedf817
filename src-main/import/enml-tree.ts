import { SaxesParser } from 'saxes';
import { IMPORT_LIMITS } from './import-limits';

export interface EnmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: EnmlNode[];
}
export type EnmlNode = EnmlElement | string;

/**
 * ENML (Evernote's XHTML) as a small tree. ENML declares the HTML entities in its DTD, which an
 * XML parser does not load, so the common ones are given here; any other entity, and any other
 * slip of a hand-written note, is kept as text rather than failing the note. Nesting deeper than
 * IMPORT_LIMITS.maxEnmlDepth is refused: a renderer recursing over it would overflow the stack.
 */
export function parseEnml(enml: string): { root: EnmlElement; problems: string[] } {
  const root: EnmlElement = { name: '#root', attributes: {}, children: [] };
  const stack: EnmlElement[] = [root];
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  let tooDeep = false;
  parser.on('error', (error) => {
    if (problems.length < 5) problems.push(error.message);
  });
  parser.on('opentag', (tag) => {
    if (stack.length > IMPORT_LIMITS.maxEnmlDepth) {
      tooDeep = true;
      return;
    }
    const element: EnmlElement = {
      name: tag.name.toLowerCase(),
      attributes: { ...tag.attributes },
      children: [],
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (tooDeep) return;
    if (stack.length > 1) stack.pop();
  });
  const addText = (text: string): void => {
    if (!tooDeep) stack.at(-1)?.children.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(enml);
  parser.close();
  if (tooDeep) throw new Error(`the note's ENML nests more than ${IMPORT_LIMITS.maxEnmlDepth} elements deep`);
  return { root, problems };
}

// The HTML entities Evernote and web clips actually write; ENML's DTD declares all of HTML 4's.
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  iexcl: '¡',
  iquest: '¿',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  hearts: '♥',
  check: '✓',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  Eacute: 'É',
  zwnj: '\u200c',
  zwj: '\u200d',
};
