import type { EditorLayout } from '../../../src-shared/settings';

const CHOICES: { layout: EditorLayout; label: string }[] = [
  { layout: 'edit', label: 'Edit' },
  { layout: 'split', label: 'Split' },
  { layout: 'read', label: 'Read' },
];

/** Three toggle buttons, one pressed: the Markdown text, both side by side, or the formatted note. */
export function EditorLayoutSwitch({
  layout,
  onChange,
}: {
  layout: EditorLayout;
  onChange: (layout: EditorLayout) => void;
}) {
  return (
    <div role="group" aria-label="View" className="layout-switch">
      {CHOICES.map((choice) => (
        <button
          key={choice.layout}
          type="button"
          aria-pressed={layout === choice.layout}
          onClick={() => onChange(choice.layout)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
