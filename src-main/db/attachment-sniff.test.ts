import { describe, expect, it } from 'vitest';
import { sniffImageType } from './attachment-sniff';
import {
  GIF_1X1,
  HTML_NAMED_PNG,
  JPEG_HEAD,
  PDF,
  PNG_1X1,
  SVG,
  WEBP_1X1,
} from '../../test/main/db/attachment-fixtures';

describe('sniffImageType', () => {
  it('recognises PNG, JPEG, GIF and WebP by their first bytes', () => {
    expect(sniffImageType(PNG_1X1)).toBe('image/png');
    expect(sniffImageType(JPEG_HEAD)).toBe('image/jpeg');
    expect(sniffImageType(GIF_1X1)).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('GIF87a......'))).toBe('image/gif');
    expect(sniffImageType(WEBP_1X1)).toBe('image/webp');
  });

  it('never recognises SVG, HTML, PDF, a RIFF that is not WebP, truncated heads or nothing', () => {
    expect(sniffImageType(SVG)).toBeNull();
    expect(sniffImageType(HTML_NAMED_PNG)).toBeNull();
    expect(sniffImageType(PDF)).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffImageType(PNG_1X1.subarray(0, 7))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEB'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});
