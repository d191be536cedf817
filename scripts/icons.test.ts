import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng, icoPayloadSize, readIcnsChunks, readIcoEntries, readPngHeader } from './icons/icon-bytes';

// Checks the committed icons (what packaging ships), not a fresh render.
const assets = join(__dirname, '..', 'assets');
const read = (name: string) => readFileSync(join(assets, name));

function icoSizes(name: string) {
  return readIcoEntries(read(name)).map((entry) => {
    // The directory entry and the image's own header must agree, or Windows picks a wrong image.
    const own = icoPayloadSize(entry.payload);
    expect({ width: own.width, height: own.height }).toEqual({ width: entry.width, height: entry.height });
    expect(entry.bitCount).toBe(32);
    return entry.width;
  });
}

function pixelsOf(name: string) {
  const png = decodePng(read(name));
  const pixels: { colour: number[]; alpha: number }[] = [];
  for (let at = 0; at < png.samples.length; at += png.channels) {
    const sample = [...png.samples.subarray(at, at + png.channels)];
    const hasAlpha = png.colourType === 4 || png.colourType === 6;
    pixels.push({ colour: hasAlpha ? sample.slice(0, -1) : sample, alpha: hasAlpha ? sample.at(-1)! : 255 });
  }
  return pixels;
}

const isErrorRed = (p: { colour: number[]; alpha: number }) =>
  p.alpha > 200 && p.colour[0]! > 200 && p.colour[1]! < 110 && p.colour[2]! < 110;

describe('generated icons', () => {
  it('were regenerated after the last change to assets/icon.svg (run "npm run icons" if not)', () => {
    const manifest = JSON.parse(read('icons.json').toString('utf8')) as { sha256: string; files: string[] };
    const svg = read('icon.svg').toString('utf8').replace(/\r\n/g, '\n');
    expect(manifest.sha256).toBe(createHash('sha256').update(svg).digest('hex'));
    for (const file of manifest.files) expect(existsSync(join(assets, file)), file).toBe(true);
  });

  it('icon.ico holds every size Windows asks for, 16 to 256 px', () => {
    expect(icoSizes('icon.ico').sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    // Small sizes as DIBs, which every Windows reader accepts; 256 px as PNG.
    const formats = readIcoEntries(read('icon.ico')).map((e) => [e.width, icoPayloadSize(e.payload).format]);
    expect(formats).toContainEqual([16, 'dib']);
    expect(formats).toContainEqual([256, 'png']);
  });

  it('icon.icns holds PNGs from 16 px to 1024 px, with the Retina (@2x) types', () => {
    const expected: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    };
    const chunks = readIcnsChunks(read('icon.icns'));
    expect(chunks.map((c) => c.type).sort()).toEqual(Object.keys(expected).sort());
    for (const chunk of chunks) {
      const { width, height } = readPngHeader(chunk.data);
      expect({ type: chunk.type, width, height }).toEqual({
        type: chunk.type,
        width: expected[chunk.type],
        height: expected[chunk.type],
      });
    }
  });

  it('icon.png is 512 px with an alpha channel (Linux packages)', () => {
    expect(readPngHeader(read('icon.png'))).toMatchObject({ width: 512, height: 512, colourType: 6 });
  });

  it('the Windows tray icons hold 16, 20, 24 and 32 px (100% to 200% display scale)', () => {
    for (const name of ['tray/tray.ico', 'tray/tray-error.ico']) {
      expect(icoSizes(name).sort((a, b) => a - b)).toEqual([16, 20, 24, 32]);
    }
  });

  it('the Linux tray icons are 32 px, and only the failed-backup one carries the red dot', () => {
    for (const name of ['tray/tray.png', 'tray/tray-error.png']) {
      expect(readPngHeader(read(name))).toMatchObject({ width: 32, height: 32 });
    }
    expect(pixelsOf('tray/tray.png').filter(isErrorRed)).toHaveLength(0);
    expect(pixelsOf('tray/tray-error.png').filter(isErrorRed).length).toBeGreaterThan(20);
  });

  it('the macOS tray icons are template images: 16 px and 32 px @2x, black plus alpha only', () => {
    const sizes: Record<string, number> = {
      'tray/trayTemplate.png': 16,
      'tray/trayTemplate@2x.png': 32,
      'tray/trayErrorTemplate.png': 16,
      'tray/trayErrorTemplate@2x.png': 32,
    };
    for (const [name, size] of Object.entries(sizes)) {
      // macOS treats an image as a template only if its name ends in "Template" (before @2x).
      expect(name).toMatch(/Template(@2x)?\.png$/);
      expect(readPngHeader(read(name))).toMatchObject({ width: size, height: size });
      const pixels = pixelsOf(name);
      expect(pixels.filter((p) => p.colour.some((value) => value !== 0))).toEqual([]);
      expect(pixels.some((p) => p.alpha === 0)).toBe(true);
      expect(pixels.some((p) => p.alpha === 255)).toBe(true);
    }
    const alphas = (name: string) => pixelsOf(name).map((p) => p.alpha);
    expect(alphas('tray/trayErrorTemplate@2x.png')).not.toEqual(alphas('tray/trayTemplate@2x.png'));
  });
});
