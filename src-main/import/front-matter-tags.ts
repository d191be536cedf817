/**
 * The tags a Markdown file's YAML front matter lists (Obsidian, and NoteVault's own export):
 * `tags: [a, b/c]`, `tags: a, b`, or a block list of `- a` lines, under `tags:` or `tag:`. Only
 * this one key is read, with a reader just for it: a full YAML parser for a folder of untrusted
 * files buys anchors, aliases and custom types that a tag list never needs.
 */
export function frontMatterTags(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  if (lines[0] !== '---') return [];
  const tags: string[] = [];
  for (let i = 1; i < lines.length && i < 200; i++) {
    const line = lines[i] ?? '';
    if (line === '---' || line === '...') return tags;
    const key = /^(tags?)\s*:\s*(.*)$/i.exec(line);
    if (key === null) continue;
    const value = (key[2] ?? '').trim();
    if (value !== '') {
      tags.push(
        ...value
          .replace(/^\[|\]$/g, '')
          .split(/,/)
          .map(clean),
      );
      continue;
    }
    for (let j = i + 1; j < lines.length; j++) {
      const item = /^\s*-\s+(.*)$/.exec(lines[j] ?? '');
      if (item === null) break;
      tags.push(clean(item[1] ?? ''));
      i = j;
    }
  }
  // No closing fence: not front matter after all.
  return [];
}

function clean(raw: string): string {
  return raw
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .replace(/^#/, '')
    .trim();
}
