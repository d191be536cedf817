import { useEffect, useId, useState } from 'react';
import { normalizeTagName, sameTag, tagNameProblem } from '../../../src-shared/tag-rules';
import type { TagSummary } from '../../../src-shared/tags';
import { useApi } from '../api-context';
import { TagChips } from './TagChips';
import './tags.css';

interface NoteTagsProps {
  noteId: string;
  /** Every tag, for the suggestions while typing. */
  tags: TagSummary[];
  /** Re-read the note's tags when notes change (a rename elsewhere renames them here). */
  version: number;
  onError: (error: unknown) => void;
}

/**
 * A note's tags as chips, each with its own Remove button, and a field that adds one on Enter,
 * suggesting the existing tags (a native datalist: the browser handles its keyboard and
 * announcements). Kept apart from the editor's body so the two change independently.
 */
export function NoteTags({ noteId, tags, version, onError }: NoteTagsProps) {
  const { tags: api } = useApi();
  const id = useId();
  const [own, setOwn] = useNoteTagNames(noteId, version, onError);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const name = normalizeTagName(draft);
    if (name === '') return;
    const invalid = tagNameProblem(name);
    if (invalid !== undefined) return setProblem(invalid);
    api
      .add({ id: noteId, tags: [name] })
      .then((names) => {
        setOwn(names);
        setDraft('');
      })
      .catch(onError);
  };

  const remove = (name: string) => {
    api
      .remove({ id: noteId, tags: [name] })
      .then((names) => {
        setOwn(names);
        document.getElementById(`${id}-input`)?.focus();
      })
      .catch(onError);
  };

  const suggestions = tags.filter((tag) => !(own ?? []).some((name) => sameTag(name, tag.name)));

  return (
    <section className="note-tags" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="visually-hidden">
        Tags of this note
      </h2>
      {own && own.length > 0 ? (
        <TagChips
          names={own}
          labelledBy={`${id}-heading`}
          removeLabel={(name) => `Remove tag ${name}`}
          onRemove={remove}
        />
      ) : null}
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Add a tag
      </label>
      <input
        id={`${id}-input`}
        className="tag-input"
        type="text"
        list={`${id}-suggestions`}
        placeholder="Add a tag…"
        autoComplete="off"
        spellCheck={false}
        value={draft}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? `${id}-problem` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          }
        }}
      />
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((tag) => (
          <option key={tag.name} value={tag.name} />
        ))}
      </datalist>
      {problem !== null ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

/** The note's tags, re-read when notes change; null until the first answer. */
function useNoteTagNames(noteId: string, version: number, onError: (error: unknown) => void) {
  const { tags: api } = useApi();
  const [own, setOwn] = useState<string[] | null>(null);

  useEffect(() => {
    let current = true;
    api
      .ofNote({ id: noteId })
      .then((names) => current && setOwn(names))
      .catch(onError);
    return () => {
      current = false;
    };
  }, [api, noteId, version, onError]);
  return [own, setOwn] as const;
}
