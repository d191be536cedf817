/** A tag as the sidebar lists it. Names are whole paths ("work/projects"), see tag-rules.ts. */
export interface TagSummary {
  name: string;
  /**
   * Live notes carrying this tag or any tag nested under it, each counted once. A parent that
   * no note carries itself ("work" when only "work/x" exists) is listed too, so the tree is whole.
   */
  notes: number;
}

/** What a rename did: how many tags changed name, and how many were merged into existing ones. */
export interface TagRenameResult {
  renamed: number;
  merged: number;
}
