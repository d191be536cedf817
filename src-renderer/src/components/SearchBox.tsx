import type { RefObject } from 'react';

interface SearchBoxProps {
  query: string;
  onQueryChange: (query: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Arrow Down moves from the search box into the results. */
  onArrowDown: () => void;
  /** Another list's search (a browsed backup's): its own id, label and placeholder. */
  inputId?: string;
  label?: string;
  placeholder?: string;
}

/** The search field over a list of notes: the main window's, and a browsed backup's. */
export function SearchBox({
  query,
  onQueryChange,
  inputRef,
  onArrowDown,
  inputId = 'search-notes',
  label = 'Search notes',
  placeholder = 'Search notes (Ctrl+F)',
}: SearchBoxProps) {
  return (
    <div role="search" className="search-box">
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        type="search"
        placeholder={placeholder}
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
