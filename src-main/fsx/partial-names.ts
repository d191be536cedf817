/**
 * Names of partial files: a file written under a name of its own and moved to its final name
 * only once complete (atomic-publish.ts). A crash leaves the partial behind, and the sweep
 * removes it; like a private temp folder, each partial names the process and thread writing
 * it (the owner tag of private-temp-owner.ts), so the sweep removes a dead owner's partial at
 * once and leaves a live one's alone, whatever their ages.
 *
 *   publishFile's (backups):  <stem>.<owner><ext>.partial
 *                             NoteVault-2026-11-25T22-48-03Z.pid1234-st5678-th1.nvbak.partial
 *   writeFileAtomic's:        <target>.<owner>.notevault-<8 hex>.partial
 *
 * The owner sits before the extension and before ".notevault-" so that versions which wrote no
 * owner still recognise these names as theirs (`<something>.nvbak.partial`, and the
 * writeFileAtomic pattern) and give them the hour they give any ownerless partial. Names
 * without an owner, from those versions, are still read here: the sweep gives them that hour.
 */
import { randomBytes } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { TempDirOwner } from './private-temp-owner';
import { currentOwner, ownerTag, parseOwnerTag } from './private-temp-owner';

const PARTIAL_SUFFIX = '.partial';
const ATOMIC_INFIX = '.notevault-';
const ATOMIC_PARTIAL_NAME = /^(.+)\.notevault-[0-9a-f]{8}\.partial$/;

/** What a partial file was to become, and who was writing it (undefined: an older version's). */
export interface PartialName {
  finalName: string;
  owner: TempDirOwner | undefined;
}

/** The partial `finalPath` is written as by this process and thread, before publishFile moves it into place. */
export function ownedPartialPath(finalPath: string, owner: TempDirOwner = currentOwner()): string {
  const ext = extname(basename(finalPath));
  return `${finalPath.slice(0, finalPath.length - ext.length)}.${ownerTag(owner)}${ext}${PARTIAL_SUFFIX}`;
}

/**
 * Reads `<stem>.<owner><ext>.partial` (and `<name>.<owner>.partial` for a final name without an
 * extension) as ownedPartialPath writes it, and `<final>.partial` as older versions did; undefined
 * when the name does not end in ".partial". Whether the final name is NoteVault's is the caller's
 * question: "movie.mkv.partial" reads as a partial of "movie.mkv".
 */
export function readOwnedPartialName(name: string): PartialName | undefined {
  if (!name.endsWith(PARTIAL_SUFFIX) || name.length === PARTIAL_SUFFIX.length) return undefined;
  const base = name.slice(0, -PARTIAL_SUFFIX.length);
  const ext = extname(base);
  const stem = base.slice(0, base.length - ext.length);
  const tagAsExtension = parseOwnerTag(ext.slice(1));
  if (tagAsExtension !== undefined && stem !== '') return { finalName: stem, owner: tagAsExtension };
  const dot = stem.lastIndexOf('.');
  const owner = dot > 0 ? parseOwnerTag(stem.slice(dot + 1)) : undefined;
  if (owner === undefined) return { finalName: base, owner: undefined };
  return { finalName: `${stem.slice(0, dot)}${ext}`, owner };
}

/** The unique partial writeFileAtomic writes next to `target` before renaming it into place. */
export function atomicPartialPath(target: string, owner: TempDirOwner = currentOwner()): string {
  return `${target}.${ownerTag(owner)}${ATOMIC_INFIX}${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`;
}

export function isAtomicPartialName(name: string): boolean {
  return ATOMIC_PARTIAL_NAME.test(name);
}

/** Reads a writeFileAtomic partial's name, with or without an owner; undefined for any other name. */
export function readAtomicPartialName(name: string): PartialName | undefined {
  const base = ATOMIC_PARTIAL_NAME.exec(name)?.[1];
  if (base === undefined) return undefined;
  const dot = base.lastIndexOf('.');
  const owner = dot > 0 ? parseOwnerTag(base.slice(dot + 1)) : undefined;
  return owner === undefined ? { finalName: base, owner } : { finalName: base.slice(0, dot), owner };
}
