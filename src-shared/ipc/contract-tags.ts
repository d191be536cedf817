import { z } from 'zod';
import { noteId, record } from '../note-rules';
import { TAG_LIMITS, tagName, tagNameList } from '../tag-rules';
import type { TagRenameResult, TagSummary } from '../tags';
import { returns } from './returns';

/**
 * Tags: the sidebar's list, a note's tags, and renaming or deleting a tag in one place.
 * Spread into `ipcRequests` in contract.ts; see that file for the conventions. Names are
 * checked and trimmed by tag-rules.ts here and again by the repository. Every change is
 * announced as `notes:didChange` with the reason 'tagged', so the lists, counts and the
 * sidebar refresh the way they do for any other change.
 */

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

const noteTags = record('The request', {
  id: noteId,
  tags: tagNameList(TAG_LIMITS.perRequestMax, 'tags'),
});

export const tagsRequests = {
  'tags:list': { args: noArguments, returns: returns<TagSummary[]>() },
  'tags:ofNote': { args: record('The request', { id: noteId }), returns: returns<string[]>() },
  // Both answer with the note's tags afterwards.
  'tags:add': { args: noteTags, returns: returns<string[]>() },
  'tags:remove': { args: noteTags, returns: returns<string[]>() },
  // Renames `from` and the tags nested under it; onto an existing name, merges.
  'tags:rename': {
    args: record('The request', { from: tagName, to: tagName }),
    returns: returns<TagRenameResult>(),
  },
  // Takes the tag and its nested tags off every note; answers how many tags went. Notes stay.
  'tags:delete': { args: record('The request', { name: tagName }), returns: returns<number>() },
} as const;
