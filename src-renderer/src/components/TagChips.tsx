import './tags.css';

interface TagChipsProps {
  names: string[];
  /** The Remove button's accessible name for a chip, e.g. "Remove tag work". */
  removeLabel: (name: string) => string;
  onRemove: (name: string) => void;
  labelledBy?: string;
}

/** Tags as chips, each with its own Remove button (a note's tags, the list's tag filter). */
export function TagChips({ names, removeLabel, onRemove, labelledBy }: TagChipsProps) {
  return (
    <ul className="tag-chips" aria-labelledby={labelledBy}>
      {names.map((name) => (
        <li key={name} className="tag-chip">
          <span>{name}</span>
          <button
            type="button"
            className="tag-chip-remove"
            aria-label={removeLabel(name)}
            onClick={() => onRemove(name)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
