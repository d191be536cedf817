import { useId } from 'react';
import { SORT_CHOICES } from '../organise/sort-orders';
import type { SortChoice } from '../organise/sort-orders';
import { TagChips } from './TagChips';
import './tags.css';

interface SortSelectProps {
  value: SortChoice;
  onChange: (choice: SortChoice) => void;
  /** What is sorted, for the label: "Sort notes", "Sort trash". */
  label: string;
}

/** The order of a list; each view remembers its own (sort-orders.ts). */
export function SortSelect({ value, onChange, label }: SortSelectProps) {
  const id = useId();
  return (
    <div className="sort-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as SortChoice)}>
        {(Object.keys(SORT_CHOICES) as SortChoice[]).map((choice) => (
          <option key={choice} value={choice}>
            {SORT_CHOICES[choice].label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface TagFilterBarProps {
  filter: string[];
  onRemove: (name: string) => void;
  onClear: () => void;
}

/** Which tags the notes list is filtered by, each removable, and a way back to every note. */
export function TagFilterBar({ filter, onRemove, onClear }: TagFilterBarProps) {
  if (filter.length === 0) return null;
  return (
    <div className="tag-filter" role="group" aria-label="Tag filter">
      <span className="tag-filter-label">Tagged</span>
      <TagChips names={filter} removeLabel={(name) => `Stop filtering by ${name}`} onRemove={onRemove} />
      <button type="button" className="tag-filter-clear" onClick={onClear}>
        Show all notes
      </button>
    </div>
  );
}
