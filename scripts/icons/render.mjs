// Rendering for generate-icons.mjs: SVG variants of assets/icon.svg, sharp to rasterise
// them, and the two post-processing steps (the failed-backup badge, template images).
import sharp from 'sharp';

// Fixed PNG settings so the same source and sharp version give the same bytes, and
// regenerating without a change to icon.svg leaves git with nothing to commit.
const PNG_OPTIONS = { compressionLevel: 9, adaptiveFiltering: false, palette: false };

/**
 * The tray glyph: the notebook alone (no tile), cropped to the square in the glyph's
 * data-tray-viewbox and painted in one colour. CSS beats the SVG's presentation
 * attributes, so a stylesheet recolours it without touching the drawing.
 */
export function trayGlyphSvg(iconSvg, colour) {
  const viewBox = /id="glyph"[^>]*?data-tray-viewbox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/s.exec(iconSvg);
  if (!viewBox) throw new Error('assets/icon.svg: the #glyph path has no data-tray-viewbox="x y size size".');
  const [, x, y, width, height] = viewBox;
  const root = /<svg\b[^>]*>/.exec(iconSvg);
  if (!root) throw new Error('assets/icon.svg has no <svg> element.');
  const croppedRoot =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="${x} ${y} ${width} ${height}">` +
    `<style>#tile{display:none}#glyph{fill:${colour}}</style>`;
  return iconSvg.replace(root[0], croppedRoot);
}

/** Renders an SVG at `size` px square, drawing it at that size rather than scaling a large render. */
export async function renderSvg(svgText, size) {
  const width = Number(/<svg\b[^>]*\bwidth="([\d.]+)"/.exec(svgText)?.[1]);
  if (!(width > 0)) throw new Error('The SVG root needs a numeric width attribute.');
  const { data, info } = await sharp(Buffer.from(svgText), { density: (72 * size) / width })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size || info.channels !== 4) {
    throw new Error(`Rendering gave ${info.width}x${info.height}x${info.channels}, not ${size}x${size}x4.`);
  }
  return data;
}

/**
 * The failed-backup variant: a dot in the lower right corner, with a transparent gap
 * cut around it so it stays distinct on any background.
 */
export async function addBadge(rgba, size, dotColour) {
  const overlay = (body) =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">${body}</svg>`,
    );
  const { data } = await sharp(rgba, { raw: { width: size, height: size, channels: 4 } })
    .composite([
      { input: overlay('<circle cx="76" cy="76" r="30" fill="#000"/>'), blend: 'dest-out' },
      { input: overlay(`<circle cx="76" cy="76" r="21" fill="${dotColour}"/>`), blend: 'over' },
    ])
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data;
}

export function encodePng(rgba, size) {
  return sharp(rgba, { raw: { width: size, height: size, channels: 4 } })
    .png(PNG_OPTIONS)
    .toBuffer();
}

/**
 * macOS template image: black plus alpha and nothing else, since macOS recolours it for
 * the menu bar's light or dark appearance from the alpha channel alone. Written as a
 * grey + alpha PNG, so no colour can creep in.
 */
export function encodeTemplatePng(rgba, size) {
  const greyAlpha = Buffer.alloc(size * size * 2);
  for (let pixel = 0; pixel < size * size; pixel += 1) greyAlpha[pixel * 2 + 1] = rgba[pixel * 4 + 3];
  return sharp(greyAlpha, { raw: { width: size, height: size, channels: 2 } })
    .toColourspace('b-w')
    .png(PNG_OPTIONS)
    .toBuffer();
}
