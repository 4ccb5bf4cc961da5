/**
 * Pure renderers for the two Teams icons: pixels in, PNG bytes out (no file system).
 * @module
 */
import { PNG } from 'pngjs';
import { markCoverage } from './mark';

/** The brand colour: the colour icon's background and the manifest's `accentColor`. */
export const BRAND_COLOR = '#0E7C86';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Teams crops the colour icon, so the symbol keeps to the centre ~96 px (store rule). */
export const COLOR_SYMBOL_SIZE = 96;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** 192×192 opaque PNG: the white mark centred on a solid brand-coloured square. */
export function renderColorIcon(): Buffer {
  const png = new PNG({ width: COLOR_ICON_SIZE, height: COLOR_ICON_SIZE });
  const [br, bg, bb] = hexToRgb(BRAND_COLOR);
  const offset = (COLOR_ICON_SIZE - COLOR_SYMBOL_SIZE) / 2;
  for (let y = 0; y < COLOR_ICON_SIZE; y += 1) {
    for (let x = 0; x < COLOR_ICON_SIZE; x += 1) {
      const c = markCoverage(x - offset, y - offset, COLOR_SYMBOL_SIZE);
      const i = (y * COLOR_ICON_SIZE + x) * 4;
      png.data[i] = Math.round(br + (255 - br) * c);
      png.data[i + 1] = Math.round(bg + (255 - bg) * c);
      png.data[i + 2] = Math.round(bb + (255 - bb) * c);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/**
 * 32×32 PNG: the mark in pure white on full transparency. Edges are anti-aliased through
 * alpha only, so every pixel stays RGB 255,255,255; the ring touches all four edges (no padding).
 */
export function renderOutlineIcon(): Buffer {
  const png = new PNG({ width: OUTLINE_ICON_SIZE, height: OUTLINE_ICON_SIZE });
  for (let y = 0; y < OUTLINE_ICON_SIZE; y += 1) {
    for (let x = 0; x < OUTLINE_ICON_SIZE; x += 1) {
      const c = markCoverage(x, y, OUTLINE_ICON_SIZE);
      const i = (y * OUTLINE_ICON_SIZE + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * c);
    }
  }
  return PNG.sync.write(png);
}
