#!/usr/bin/env node
// `npm run icons`: renders every app and tray icon from assets/icon.svg. The outputs are
// committed (packaging and the app read them; CI does not regenerate them), and
// assets/icons.json records the hash of the SVG they came from, so a test can tell when
// the SVG changed without the icons being regenerated.
//
//   assets/icon.ico   Windows app + installer: 16 24 32 48 64 128 256
//   assets/icon.icns  macOS app: 16-1024 with @2x
//   assets/icon.png   Linux app (AppImage, deb): 512
//   assets/tray/      tray icons per platform, each with a failed-backup "-error" variant
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeIcns, ICNS_PNG_TYPES } from './icons/icns-writer.mjs';
import { encodeIco } from './icons/ico-writer.mjs';
import { addBadge, encodePng, encodeTemplatePng, renderSvg, trayGlyphSvg } from './icons/render.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');
const SOURCE = join(assets, 'icon.svg');

const APP_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// Windows picks the tray size from the display scale: 16 at 100%, 20 at 125%, 24 at 150%, 32 at 200%.
const TRAY_ICO_SIZES = [16, 20, 24, 32];
const LINUX_TRAY_SIZE = 32;
const ERROR_DOT = '#E5484D';

/** The SVG's bytes with line endings normalised, so a CRLF checkout hashes the same. */
function iconSourceHash(svgText) {
  return createHash('sha256').update(svgText.replace(/\r\n/g, '\n')).digest('hex');
}

async function colourIcon(svgText, size, badge) {
  const rgba = await renderSvg(svgText, size);
  const pixels = badge ? await addBadge(rgba, size, ERROR_DOT) : rgba;
  return { size, rgba: pixels, png: await encodePng(pixels, size) };
}

async function icoFile(svgText, sizes, badge = false) {
  return encodeIco(await Promise.all(sizes.map((size) => colourIcon(svgText, size, badge))));
}

async function templatePng(glyphSvg, size, badge) {
  const rgba = await renderSvg(glyphSvg, size);
  return encodeTemplatePng(badge ? await addBadge(rgba, size, '#000') : rgba, size);
}

async function generate() {
  const svgText = readFileSync(SOURCE, 'utf8');
  const glyph = trayGlyphSvg(svgText, '#000');
  const outputs = new Map();

  outputs.set('icon.ico', await icoFile(svgText, APP_ICO_SIZES));
  const icnsChunks = await Promise.all(
    Object.entries(ICNS_PNG_TYPES).map(async ([type, size]) => ({
      type,
      png: (await colourIcon(svgText, size, false)).png,
    })),
  );
  outputs.set('icon.icns', encodeIcns(icnsChunks));
  outputs.set('icon.png', (await colourIcon(svgText, 512, false)).png);

  for (const [suffix, badge] of [
    ['', false],
    ['-error', true],
  ]) {
    outputs.set(`tray/tray${suffix}.ico`, await icoFile(svgText, TRAY_ICO_SIZES, badge));
    outputs.set(`tray/tray${suffix}.png`, (await colourIcon(svgText, LINUX_TRAY_SIZE, badge)).png);
  }
  for (const [name, badge] of [
    ['trayTemplate', false],
    ['trayErrorTemplate', true],
  ]) {
    outputs.set(`tray/${name}.png`, await templatePng(glyph, 16, badge));
    outputs.set(`tray/${name}@2x.png`, await templatePng(glyph, 32, badge));
  }

  mkdirSync(join(assets, 'tray'), { recursive: true });
  for (const [name, bytes] of outputs) {
    writeFileSync(join(assets, name), bytes);
    console.log(`${relative(root, join(assets, name))}  ${bytes.length} bytes`);
  }
  const manifest = { source: 'assets/icon.svg', sha256: iconSourceHash(svgText), files: [...outputs.keys()] };
  writeFileSync(join(assets, 'icons.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  generate().catch((error) => {
    console.error(`generate-icons: ${error.message}`);
    process.exit(1);
  });
}
