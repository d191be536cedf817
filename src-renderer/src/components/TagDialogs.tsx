import { useId, useState } from 'react';
import { describeError } from '../api';
import { formatCount } from '../../../src-shared/format';
import {
  isSameOrNestedUnder,
  normalizeTagName,
  sameTag,
  tagNameProblem,
} from '../../../src-shared/tag-rules';
import type { TagSummary } from '../../../src-shared/tags';
import { ModalDialog } from './ModalDialog';

interface RenameTagDialogProps {
  /** The tag being renamed; null when closed. */
  name: string | null;
  tags: TagSummary[];
  onRename: (from: string, to: string) => Promise<void>;
  onClose: () => void;
}

/**
 * Renames a tag in one place: every note and every tag nested under it follow. A new name that
 * is already a tag merges the two, which cannot be undone by renaming back, so it is asked first.
 */
export function RenameTagDialog({ name, tags, onRename, onClose }: RenameTagDialogProps) {
  return (
    <ModalDialog
      open={name !== null}
      title={name === null ? 'Rename tag' : `Rename “${name}”`}
      onEscape={onClose}
    >
      {name !== null ? (
        <RenameForm key={name} name={name} tags={tags} onRename={onRename} onClose={onClose} />
      ) : null}
    </ModalDialog>
  );
}

function RenameForm({ name, tags, onRename, onClose }: RenameTagDialogProps & { name: string }) {
  const id = useId();
  const [value, setValue] = useState(name);
  const [problem, setProblem] = useState<string | null>(null);
  const [mergeInto, setMergeInto] = useState<TagSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const rename = (to: string) => {
    setBusy(true);
    onRename(name, to)
      .then(onClose)
      .catch((error: unknown) => {
        setProblem(describeError(error).message);
        setMergeInto(null);
        setBusy(false);
      });
  };

  const submit = () => {
    const to = normalizeTagName(value);
    const invalid = tagNameProblem(to);
    if (invalid !== undefined) return setProblem(invalid);
    if (to === name) return onClose();
    // A tag outside the renamed subtree with the new name: the two become one.
    const existing = tags.find((tag) => sameTag(tag.name, to) && !isSameOrNestedUnder(tag.name, name));
    if (existing) return setMergeInto(existing);
    rename(to);
  };

  if (mergeInto) {
    return (
      <MergeConfirm
        from={name}
        into={mergeInto}
        busy={busy}
        onBack={() => setMergeInto(null)}
        onMerge={() => rename(mergeInto.name)}
      />
    );
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-name`}>New name</label>
      <input
        id={`${id}-name`}
        type="text"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint${problem !== null ? ` ${id}-problem` : ''}`}
        onChange={(event) => {
          setValue(event.target.value);
          setProblem(null);
        }}
      />
      <p id={`${id}-hint`} className="dialog-hint">
        Tags nested under “{name}” are renamed with it. Use “/” to nest, as in “work/projects”.
      </p>
      {problem !== null ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          Rename
        </button>
      </div>
    </form>
  );
}

interface MergeConfirmProps {
  from: string;
  into: TagSummary;
  busy: boolean;
  onBack: () => void;
  onMerge: () => void;
}

/** Renaming onto an existing tag merges the two, which renaming back cannot undo: asked first. */
function MergeConfirm({ from, into, busy, onBack, onMerge }: MergeConfirmProps) {
  return (
    <>
      <p>
        “{into.name}” already exists ({formatCount(into.notes, 'note')}). Merge “{from}” into it? Every note
        tagged “{from}” will be tagged “{into.name}”, and the two cannot be told apart afterwards.
      </p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="button" onClick={onMerge} disabled={busy}>
          Merge tags
        </button>
      </div>
    </>
  );
}

interface DeleteTagDialogProps {
  name: string | null;
  tags: TagSummary[];
  onDelete: (name: string) => Promise<void>;
  onClose: () => void;
  onError: (error: unknown) => void;
}

/** Takes a tag (and the tags nested under it) off every note; the notes themselves stay. */
export function DeleteTagDialog({ name, tags, onDelete, onClose, onError }: DeleteTagDialogProps) {
  const id = useId();
  const notes = tags.find((tag) => name !== null && sameTag(tag.name, name))?.notes ?? 0;
  return (
    <ModalDialog open={name !== null} title="Delete tag?" onEscape={onClose} describedBy={`${id}-what`}>
      <p id={`${id}-what`}>
        “{name}” and the tags nested under it will be taken off {formatCount(notes, 'note')}. The notes stay.
      </p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (name === null) return;
            onDelete(name).then(onClose, (error: unknown) => {
              onClose();
              onError(error);
            });
          }}
        >
          Delete tag
        </button>
      </div>
    </ModalDialog>
  );
}
