import { splitHighlights } from '../highlight';

/** A search snippet with its matches in <mark>; text nodes only, never HTML. */
export function HighlightedSnippet({ snippet }: { snippet: string }) {
  return (
    <span className="snippet">
      {splitHighlights(snippet).map((segment, index) =>
        segment.highlighted ? (
          <mark key={index}>{segment.text}</mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}
