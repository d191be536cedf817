import { describe, expect, it } from 'vitest';
import { markdownPreview } from './markdown-preview';

describe('note-list previews', () => {
  it('drops heading marks, emphasis and link addresses', () => {
    expect(markdownPreview('# Trip to *Lisbon*\n\nBook **the** [ferry](https://example.com) now')).toBe(
      'Trip to Lisbon Book the ferry now',
    );
  });

  it('shows images by their alternative text', () => {
    expect(markdownPreview('![the harbour](attachment:' + 'a'.repeat(64) + ') at dawn')).toBe(
      'the harbour at dawn',
    );
  });

  it('drops code fences and inline code marks, keeping the code', () => {
    expect(markdownPreview('```js\nconst a = 1;\n```\nthen `b`')).toBe('const a = 1; then b');
  });

  it('drops list markers and checkboxes', () => {
    expect(markdownPreview('- [ ] milk\n- [x] eggs\n1. bread\n* jam')).toBe('milk eggs bread jam');
  });

  it('drops table pipes and the delimiter row', () => {
    expect(markdownPreview('| Day | Plan |\n| --- | --- |\n| Mon | Rest |')).toBe('Day Plan Mon Rest');
  });

  it('keeps raw HTML as written and runs inline pieces together', () => {
    expect(markdownPreview('<b>hi</b> foo**bar**')).toBe('<b>hi</b> foobar');
  });

  it('cuts long text with an ellipsis', () => {
    expect(markdownPreview(`# ${'word '.repeat(40)}`, 20)).toBe(`${'word '.repeat(4)}…`);
  });
});

describe('note-list previews of raw HTML blocks', () => {
  it('keep a block apart from the paragraph after it', () => {
    expect(markdownPreview('<div>\nhi\n</div>\n\nafter')).toBe('<div> hi </div> after');
  });
});
