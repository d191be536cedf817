import { attachmentHashesIn } from '../../src-shared/attachment-ref';
import { NoteVaultError } from '../../src-shared/errors';
import { TAG_LIMITS, tagNameProblem } from '../../src-shared/tag-rules';
import type { NotesRepository } from '../db/notes-repository';

/**
 * What a note brought back from a backup takes along besides its text: the attachments its
 * text refers to and its tags. `source` is the backup's copy (read only), `current` the live
 * notes. Split around the note's own write: attachments before it (saving a note links it to
 * the attachments that exist then, attachment-links.ts), tags after it (a tag needs the note).
 */

/**
 * Stores every attachment `text` refers to that the backup has and the current notes lack,
 * through the attachments repository, so the bytes are hashed again and stored once under
 * their hash like any paste. Returns how many it could not store: a file the repository
 * refuses (empty, or over today's size cap); the note still comes back, naming a missing file.
 */
export function bringAttachments(source: NotesRepository, current: NotesRepository, text: string): number {
  let leftOut = 0;
  for (const sha256 of attachmentHashesIn(text)) {
    if (current.attachments.info(sha256) !== undefined || source.attachments.info(sha256) === undefined)
      continue;
    const { data, fileName, mediaType } = source.attachments.read(sha256);
    try {
      current.attachments.add({ data, fileName, mediaType });
    } catch (error) {
      if (!(error instanceof NoteVaultError) || error.code !== 'VALIDATION') throw error;
      leftOut += 1;
    } finally {
      data.fill(0);
    }
  }
  return leftOut;
}

/**
 * Gives the note `toId` in the current notes every tag the backup's note `fromId` has, creating
 * the tags the current notes lack (an existing tag of the same name, in any case, is used). Tags
 * the note has now are kept: bringing a note back adds its old tags, it never takes tags away.
 * A name today's tag rules refuse is left out. Returns how many tags were left out.
 */
export function bringTags(
  source: NotesRepository,
  current: NotesRepository,
  fromId: string,
  toId: string,
): number {
  const names = source.tags.tagsOf(fromId);
  const valid = names.filter((name) => tagNameProblem(name) === undefined);
  for (let at = 0; at < valid.length; at += TAG_LIMITS.perRequestMax) {
    current.tags.add(toId, valid.slice(at, at + TAG_LIMITS.perRequestMax));
  }
  return names.length - valid.length;
}
