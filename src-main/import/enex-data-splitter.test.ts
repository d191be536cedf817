import { describe, expect, it } from 'vitest';
import { EnexDataSplitter } from './enex-data-splitter';

function split(chunks: readonly string[]): { xml: string; data: string } {
  let xml = '';
  let data = '';
  const splitter = new EnexDataSplitter(
    (text) => (xml += text),
    (text) => (data += text),
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { xml, data };
}

const ENEX =
  '<en-export><note><content><![CDATA[<en-note>a <data> in text ]] ]]></content>' +
  '<!-- <data>comment</data> --><resource><data encoding="base64" note=">">QUJD\nREVG</data>' +
  '<data/></resource></note></en-export>';

describe('EnexDataSplitter', () => {
  it('routes only the text of <data> elements around the parser, whatever the chunk boundaries', () => {
    const expected = {
      xml: ENEX.replace('QUJD\nREVG', ''),
      data: 'QUJD\nREVG',
    };
    expect(split([ENEX])).toEqual(expected);
    // Every split point, so a boundary inside "<![CDATA[", "]]>", "<data" or the data itself is covered.
    for (let at = 1; at < ENEX.length; at++)
      expect(split([ENEX.slice(0, at), ENEX.slice(at)])).toEqual(expected);
    expect(split([...ENEX])).toEqual(expected);
  });
});
