import { describe, expect, it } from 'vitest';
import { enmlToMarkdown } from './enml-to-markdown';
import { parseEnml } from './enml-tree';
import { IMPORT_LIMITS } from './import-limits';

function convert(enml: string, lost: string[] = []): string {
  return enmlToMarkdown(parseEnml(enml).root, {
    media: (hash, type) => `<media ${hash} ${type ?? ''}>`,
    lost: (what) => lost.push(what),
  });
}

describe('enmlToMarkdown', () => {
  it('turns headings, emphasis, strikethrough, links and rules into Markdown', () => {
    expect(
      convert(
        '<en-note><h2>Title <i>here</i></h2><p>Some <b>bold</b>, <em>it</em>, <s>gone</s>, <u>under</u> and <a href="https://x.org/a(b)">a link</a>.</p><hr/><p><code>x = `1`</code></p></en-note>',
      ),
    ).toBe(
      '## Title *here*\n\nSome **bold**, *it*, ~~gone~~, under and [a link](<https://x.org/a(b)>).\n\n---\n\n`` x = `1` ``\n',
    );
  });

  it('turns en-todo checkboxes into one task list, and Evernote 10 checklists too', () => {
    expect(
      convert(
        '<en-note><div><en-todo checked="true"/>Milk</div><div><en-todo checked="false"/>Bread</div><div><en-todo/>Eggs</div><ul style="--en-todo:true;"><li style="--en-checked:true;"><div>Packed</div></li><li><div>Not packed</div></li></ul></en-note>',
      ),
    ).toBe('- [x] Milk\n- [ ] Bread\n- [ ] Eggs\n- [x] Packed\n- [ ] Not packed\n');
  });

  it('turns tables into GFM tables, the first row as the header, escaping pipes and padding short rows', () => {
    expect(
      convert(
        '<en-note><table><tbody><tr><td>Item</td><td>Price</td></tr><tr><td>Milk <b>fresh</b></td><td>1 | 2</td></tr><tr><td>only one</td></tr></tbody></table></en-note>',
      ),
    ).toBe('| Item | Price |\n| --- | --- |\n| Milk **fresh** | 1 \\| 2 |\n| only one |  |\n');
  });

  it('keeps lists, nested lists and ordered lists', () => {
    expect(
      convert(
        '<en-note><ul><li>a</li><li>b<ul><li>b1</li></ul></li></ul><ol><li>one</li><li>two</li></ol></en-note>',
      ),
    ).toBe('- a\n- b\n  - b1\n\n1. one\n2. two\n');
  });

  it('escapes text that would otherwise read as Markdown', () => {
    expect(
      convert(
        '<en-note><div>1. not a list</div><div># not a heading</div><div>*stars* and _under_ [x]</div><div>- dash</div></en-note>',
      ),
    ).toBe('1\\. not a list\n\n\\# not a heading\n\n\\*stars\\* and \\_under\\_ \\[x\\]\n\n\\- dash\n');
  });

  it('keeps line breaks as hard breaks, code blocks as fences, and HTML entities as characters', () => {
    expect(
      convert(
        '<en-note><div>line one<br/>line two</div><div style="-en-codeblock:true;"><div>if (a &lt; b) {</div><div>  go();</div><div>}</div></div><p>&nbsp;caf&eacute; &hellip; &mdash; &unknown;</p></en-note>',
      ),
    ).toBe('line one\\\nline two\n\n```\nif (a < b) {\n  go();\n}\n```\n\ncafé … — &unknown;\n');
  });

  it('asks the context for en-media and reports encrypted text it cannot keep', () => {
    const lost: string[] = [];
    expect(
      convert(
        '<en-note><div>See <en-media hash="abc" type="image/png"/></div><en-crypt cipher="AES">x</en-crypt></en-note>',
        lost,
      ),
    ).toBe('See <media abc image/png>\n\n(encrypted text not imported)\n');
    expect(lost).toEqual(['Evernote-encrypted text, which NoteVault cannot decrypt']);
  });

  it('gives an empty note an empty body', () => {
    expect(convert('<en-note><div><br/></div><div>&nbsp;</div></en-note>')).toBe('');
  });

  it('refuses ENML nested deeper than the limit instead of overflowing the stack', () => {
    const depth = IMPORT_LIMITS.maxEnmlDepth + 5;
    expect(() => parseEnml(`<en-note>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</en-note>`)).toThrow(
      /nests more than/,
    );
  });
});
