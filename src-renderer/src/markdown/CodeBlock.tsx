import { useEffect, useState } from 'react';
import { describeLanguage, highlightPieces } from './code-highlight';
import type { CodePiece } from './code-highlight';

/**
 * A fenced code block: monospaced, and highlighted as spans once the language its info string
 * names has loaded (each language's parser is fetched the first time a note needs it).
 */
export function CodeBlock({ code, info }: { code: string; info: string }) {
  const description = describeLanguage(info);
  const loaded = description?.support;
  const [pieces, setPieces] = useState<CodePiece[] | null>(null);
  useEffect(() => {
    if (!description || description.support) return undefined;
    let current = true;
    description
      .load()
      .then((support) => {
        if (current) setPieces(highlightPieces(code, support.language));
      })
      // A language that fails to load leaves the code plain.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [code, description]);
  const shown = loaded ? highlightPieces(code, loaded.language) : pieces;
  return (
    <pre className="md-pre" data-language={description?.name}>
      <code>
        {shown
          ? shown.map((piece, index) =>
              piece.classes === '' ? (
                piece.text
              ) : (
                <span key={index} className={piece.classes}>
                  {piece.text}
                </span>
              ),
            )
          : code}
      </code>
    </pre>
  );
}
