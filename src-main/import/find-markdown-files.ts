import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeReadFailure } from './read-failure';

export interface FoundMarkdownFile {
  absolutePath: string;
  /** Relative to the imported folder, for reports. */
  relativePath: string;
  /** The name the title falls back to; the file's name without .md unless given. */
  titleStem?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface MarkdownFileScan {
  files: FoundMarkdownFile[];
  /** TextBundle folders (Bear, Ulysses): one note each, its text.md with an assets/ folder. */
  bundles: FoundMarkdownFile[];
  /** Every other visible regular file, absolute: what notes may attach. */
  otherFiles: string[];
  skipped: SkippedFile[];
}

export function isTextBundleName(name: string): boolean {
  return /\.textbundle$/i.test(name);
}

export function isMarkdownFileName(name: string): boolean {
  // Case-insensitive: Windows tools happily write `Note.MD`.
  return name.toLowerCase().endsWith('.md') && name.length > '.md'.length;
}

/**
 * Every `.md` file and TextBundle below `root`, in a stable (sorted) order, and the other
 * files notes may attach.
 *
 * Symbolic links are never followed, so an import cannot wander out of the folder or loop;
 * a linked `.md` file or folder is reported as skipped. Hidden folders (`.git`, `.obsidian`,
 * `.trash`) are tool data, not notes, and are passed over silently; a hidden `.md` file
 * (such as the `._Note.md` files macOS leaves on USB drives) is reported as skipped.
 */
export function findMarkdownFiles(root: string): MarkdownFileScan {
  const scan: MarkdownFileScan = { files: [], bundles: [], otherFiles: [], skipped: [] };
  walk(root, root, scan);
  return scan;
}

function walk(root: string, folder: string, scan: MarkdownFileScan): void {
  const relativeFolder = path.relative(root, folder);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    // The root was checked by the caller, so this is a subfolder: skip it, keep the rest.
    scan.skipped.push({
      file: relativeFolder,
      reason: `folder could not be read: ${describeReadFailure(error)}`,
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const entry of entries) {
    const absolutePath = path.join(folder, entry.name);
    const relativePath = path.join(relativeFolder, entry.name);
    const hidden = entry.name.startsWith('.');
    if (entry.isSymbolicLink()) {
      if (isMarkdownFileName(entry.name) || isFolder(absolutePath)) {
        scan.skipped.push({ file: relativePath, reason: 'symbolic link; links are not followed' });
      }
    } else if (entry.isDirectory()) {
      if (hidden) continue;
      if (isTextBundleName(entry.name)) scan.bundles.push({ absolutePath, relativePath });
      else walk(root, absolutePath, scan);
    } else if (isMarkdownFileName(entry.name)) {
      if (hidden) {
        scan.skipped.push({ file: relativePath, reason: 'hidden file' });
      } else if (entry.isFile()) {
        scan.files.push({ absolutePath, relativePath });
      } else {
        scan.skipped.push({ file: relativePath, reason: 'not a regular file' });
      }
    } else if (entry.isFile() && !hidden) {
      scan.otherFiles.push(absolutePath);
    }
  }
}

function isFolder(target: string): boolean {
  try {
    return fs.statSync(target).isDirectory();
  } catch {
    return false;
  }
}
