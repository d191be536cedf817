/**
 * Splits an .enex file's text, as it streams in, into the XML for the parser and the contents of
 * its `<data>` elements (base64 resources) for a decoder. A SAX parser holds an element's whole
 * text before it reports it, so a 200 MB attachment would sit in memory as one 270 MB string
 * before any size check; routed around the parser, it is decoded (or refused) a chunk at a time.
 *
 * The parser still sees `<data ...></data>`, so its events keep their order. CDATA sections (a
 * note's ENML) and comments are passed through whole, so a "<data" written inside a note never
 * counts. Base64 holds no "<", so a data element ends at the first "<".
 */
export class EnexDataSplitter {
  private mode: 'xml' | 'cdata' | 'comment' | 'data' = 'xml';
  private carry = '';

  constructor(
    private readonly onXml: (text: string) => void,
    private readonly onData: (text: string) => void,
  ) {}

  push(chunk: string): void {
    this.scan(this.carry + chunk, false);
  }

  end(): void {
    this.scan(this.carry, true);
  }

  private scan(text: string, final: boolean): void {
    this.carry = '';
    let at = 0;
    while (at < text.length) {
      if (this.mode === 'data') {
        const end = text.indexOf('<', at);
        if (end === -1) {
          this.onData(text.slice(at));
          return;
        }
        if (end > at) this.onData(text.slice(at, end));
        this.mode = 'xml';
        at = end;
        continue;
      }
      if (this.mode === 'cdata' || this.mode === 'comment') {
        const close = this.mode === 'cdata' ? ']]>' : '-->';
        const end = text.indexOf(close, at);
        if (end === -1) {
          // Keep what could be the start of the closing sequence for the next chunk.
          const keep = final ? text.length : Math.max(at, text.length - (close.length - 1));
          this.onXml(text.slice(at, keep));
          this.carry = text.slice(keep);
          return;
        }
        this.onXml(text.slice(at, end + close.length));
        this.mode = 'xml';
        at = end + close.length;
        continue;
      }
      const open = text.indexOf('<', at);
      if (open === -1) {
        this.onXml(text.slice(at));
        return;
      }
      if (open > at) this.onXml(text.slice(at, open));
      at = open;
      // Too little left to tell what the "<" starts: wait for more.
      if (!final && text.length - at < '<![CDATA['.length) {
        this.carry = text.slice(at);
        return;
      }
      if (text.startsWith('<![CDATA[', at)) {
        this.onXml('<![CDATA[');
        this.mode = 'cdata';
        at += '<![CDATA['.length;
      } else if (text.startsWith('<!--', at)) {
        this.onXml('<!--');
        this.mode = 'comment';
        at += '<!--'.length;
      } else if (/^<data[\s>/]/.test(text.slice(at, at + 6))) {
        const end = tagEnd(text, at);
        if (end === -1) {
          if (final) {
            this.onXml(text.slice(at));
            return;
          }
          this.carry = text.slice(at);
          return;
        }
        this.onXml(text.slice(at, end + 1));
        if (text[end - 1] !== '/') this.mode = 'data';
        at = end + 1;
      } else {
        this.onXml('<');
        at += 1;
      }
    }
  }
}

/** The index of the ">" that ends the start tag at `start`, skipping quoted attribute values; -1 if not yet seen. */
function tagEnd(text: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    }
  }
  return -1;
}
