import type { RefObject } from 'react';

interface SearchBoxProps {
  query: string;
  onQueryChange: (query: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Arrow Down moves from the search box into the results. */
  onArrowDown: () => void;
}

export function SearchBox({ query, onQueryChange, inputRef, onArrowDown }: SearchBoxProps) {
  return (
    <div role="search" className="search-box">
      <label htmlFor="search-notes" className="visually-hidden">
        Search notes
      </label>
      <input
        id="search-notes"
        ref={inputRef}
        type="search"
        placeholder="Search notes (Ctrl+F)"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => onQueryChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            onArrowDown();
          }
        }}
      />
    </div>
  );
}
