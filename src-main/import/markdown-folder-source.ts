import * as fs from 'node:fs';
import * as path from 'node:path';
import { toNoteVaultError } from '../fsx/fs-errors';
import { findMarkdownFiles, isTextBundleName } from './find-markdown-files';
import type { FoundMarkdownFile, MarkdownFileScan } from './find-markdown-files';
import { frontMatterTags } from './front-matter-tags';
import type { ImportItem, SourceProgress } from './imported-note';
import { linkLocalFiles } from './link-local-files';
import type { LocalFiles } from './link-local-files';
import { readNoteFile } from './read-note-file';

const BUNDLE_TEXT_NAMES = ['text.md', 'text.markdown', 'text.txt'];

/**
 * A folder of Markdown files (Obsidian vaults, plain folders, Bear's TextBundles) or one .md file
 * or .textbundle: each file or bundle is one note, titled and dated as markdown-note.ts and
 * read-note-file.ts say, with the files it refers to attached (link-local-files.ts) and the tags
 * of a YAML front matter `tags:` list kept as tags (the front matter itself stays in the body).
 */
export async function* readMarkdownFolder(
  source: string,
  progress: SourceProgress,
): AsyncGenerator<ImportItem> {
  const realSource = await realPathOf(source);
  const stats = fs.statSync(realSource);
  let realRoot: string;
  let scan: MarkdownFileScan;
  if (stats.isDirectory() && !isTextBundleName(realSource)) {
    realRoot = realSource;
    scan = findMarkdownFiles(realRoot);
  } else {
    // One file or one bundle: it may attach what lies beside it, and nothing above.
    realRoot = path.dirname(realSource);
    const one = { absolutePath: realSource, relativePath: path.basename(realSource) };
    scan = { files: [], bundles: [], otherFiles: [], skipped: [] };
    (stats.isDirectory() ? scan.bundles : scan.files).push(one);
    if (!stats.isDirectory()) scan.otherFiles.push(...siblingFiles(realRoot));
  }

  const byName = new Map<string, string[]>();
  for (const file of scan.otherFiles) {
    const key = path.basename(file).toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), file]);
  }
  for (const skipped of scan.skipped)
    yield { kind: 'skipped', skipped: { item: skipped.file, reason: skipped.reason } };

  const total = scan.files.length + scan.bundles.length;
  let done = 0;
  for (const file of scan.files) {
    const item = noteFrom(file, { realRoot, baseFolder: path.dirname(file.absolutePath), byName });
    progress(++done, total);
    yield item;
  }
  for (const bundle of scan.bundles) {
    const item = bundleNote(bundle, { realRoot, baseFolder: bundle.absolutePath, byName });
    progress(++done, total);
    yield item;
  }
}

function noteFrom(file: FoundMarkdownFile, files: LocalFiles): ImportItem {
  const read = readNoteFile(file);
  if (read.kind === 'skipped')
    return { kind: 'skipped', skipped: { item: file.relativePath, reason: read.reason } };
  const linked = linkLocalFiles(read.note.body, files, file.relativePath);
  return {
    kind: 'note',
    item: file.relativePath,
    note: {
      title: read.note.title,
      body: linked.body,
      tags: [...read.note.tags, ...frontMatterTags(read.note.body)],
      pinned: read.note.pinned,
      createdAt: read.note.createdAt,
      updatedAt: read.note.updatedAt,
      attachments: linked.attachments,
    },
    skipped: linked.skipped,
    warnings: read.warning === null ? [] : [{ item: file.relativePath, reason: read.warning }],
  };
}

/** A TextBundle: text.md (or .markdown, .txt) titled after the bundle, with assets/ beside it. */
function bundleNote(bundle: FoundMarkdownFile, files: LocalFiles): ImportItem {
  const textName = BUNDLE_TEXT_NAMES.find((name) => {
    const stats = fs.lstatSync(path.join(bundle.absolutePath, name), { throwIfNoEntry: false });
    return stats?.isFile() === true;
  });
  if (textName === undefined) {
    return {
      kind: 'skipped',
      skipped: { item: bundle.relativePath, reason: 'a TextBundle without its text.md (or text.markdown)' },
    };
  }
  return noteFrom(
    {
      absolutePath: path.join(bundle.absolutePath, textName),
      relativePath: bundle.relativePath,
      titleStem: path.basename(bundle.absolutePath).replace(/\.textbundle$/i, ''),
    },
    files,
  );
}

function siblingFiles(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => path.join(folder, entry.name));
  } catch {
    return [];
  }
}

async function realPathOf(source: string): Promise<string> {
  try {
    return await fs.promises.realpath(source);
  } catch (error) {
    throw toNoteVaultError(error, 'import from', source);
  }
}
