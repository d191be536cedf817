import { LanguageDescription } from '@codemirror/language';
import type { Language } from '@codemirror/language';
import { languages } from '@codemirror/language-data';
import { highlightCode } from '@lezer/highlight';
import { codeHighlighter } from '../editor/highlight-classes';

/** A run of code and the token classes on it ('' when plain); '\n' pieces are line breaks. */
export interface CodePiece {
  text: string;
  classes: string;
}

/** The code split into classed pieces by `language`'s parser: what the reading view draws as spans. */
export function highlightPieces(code: string, language: Language): CodePiece[] {
  const pieces: CodePiece[] = [];
  highlightCode(
    code,
    language.parser.parse(code),
    codeHighlighter,
    (text, classes) => pieces.push({ text, classes }),
    () => pieces.push({ text: '\n', classes: '' }),
  );
  return pieces;
}

/** The language a fence's info string names ("js", "python", "c++"), or null when none matches. */
export function describeLanguage(info: string): LanguageDescription | null {
  const name = info.trim().split(/\s/, 1)[0] ?? '';
  return name === '' ? null : LanguageDescription.matchLanguageName(languages, name, true);
}
