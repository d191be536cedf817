import { z } from 'zod';
import { describeValue, noteId, pageOffset, record } from '../note-rules';
import { HISTORY_LIMITS } from '../note-versions';
import type { NoteVersion, NoteVersionSummary } from '../note-versions';
import type { Note, Page } from '../notes';
import { returns } from './returns';

/**
 * A note's history (src-main/db/note-versions-repository.ts): its kept versions, listed a page
 * at a time, read one by one, and restored. Spread into `ipcRequests` in contract.ts.
 */

const versionSeq = z
  .number({ error: (issue) => `A version is named by its number (got ${describeValue(issue.input)}).` })
  .refine((value) => Number.isSafeInteger(value) && value >= 1, {
    error: (issue) => `A version is named by a whole number from 1 (got ${describeValue(issue.input)}).`,
  });

const versionsPageLimit = z
  .number({ error: (issue) => `limit must be a number (got ${describeValue(issue.input)}).` })
  .refine((value) => Number.isInteger(value) && value >= 1 && value <= HISTORY_LIMITS.pageMaxSize, {
    error: (issue) =>
      `limit must be a whole number from 1 to ${HISTORY_LIMITS.pageMaxSize} (got ${describeValue(issue.input)}).`,
  });

const byVersion = record('The request', { id: noteId, seq: versionSeq });

/** What restoring a version did: the note as it is now, and the version kept of what it replaced. */
export interface VersionRestoreResult {
  note: Note;
  /** Restoring this one undoes the restore. */
  kept: NoteVersionSummary;
}

export const versionsRequests = {
  /** Note `id`'s versions, newest first, without their bodies. */
  'versions:list': {
    args: record('The request', {
      id: noteId,
      offset: pageOffset.optional(),
      limit: versionsPageLimit.optional(),
    }),
    returns: returns<Page<NoteVersionSummary>>(),
  },
  'versions:get': { args: byVersion, returns: returns<NoteVersion>() },
  /** Puts the version's text back, after keeping the current text as a version. */
  'versions:restore': { args: byVersion, returns: returns<VersionRestoreResult>() },
} as const;
