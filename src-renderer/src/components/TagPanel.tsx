import type { Organise } from '../hooks/useOrganise';
import { DeleteTagDialog, RenameTagDialog } from './TagDialogs';
import { TagSidebar } from './TagSidebar';

interface TagPanelProps {
  organise: Organise;
  onError: (error: unknown) => void;
}

/** The tag tree with its rename and delete dialogs, over the window's organisation state. */
export function TagPanel({ organise, onError }: TagPanelProps) {
  const { tags, filter, toggleFilter, renaming, setRenaming, deleting, setDeleting } = organise;
  return (
    <>
      <TagSidebar
        tags={tags}
        filter={filter}
        onToggle={toggleFilter}
        onRename={setRenaming}
        onDelete={setDeleting}
      />
      <RenameTagDialog
        name={renaming}
        tags={tags}
        onRename={organise.rename}
        onClose={() => setRenaming(null)}
      />
      <DeleteTagDialog
        name={deleting}
        tags={tags}
        onDelete={organise.deleteTag}
        onClose={() => setDeleting(null)}
        onError={onError}
      />
    </>
  );
}
