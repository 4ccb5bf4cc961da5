/**
 * Checks of the two icons against the store rules (items 27, 28), by decoding their pixels.
 * @module
 */
import { PNG } from 'pngjs';
import { problem, type PackageProblem } from './problem';

/** The icon files as bytes; `undefined` when the file is missing. */
export interface IconFiles {
  readonly color: { readonly name: string; readonly data: Buffer | undefined };
  readonly outline: { readonly name: string; readonly data: Buffer | undefined };
}

interface Decoded {
  readonly png: PNG;
  rgba(x: number, y: number): readonly [number, number, number, number];
}

function decode(name: string, data: Buffer | undefined, out: PackageProblem[]): Decoded | undefined {
  const where = `appPackage/${name}`;
  if (data === undefined) {
    out.push(problem(where, 'the icon file is missing', 'run `npx tsx scripts/icons/draw-icons.ts` or fix the path under "icons" in the manifest'));
    return undefined;
  }
  try {
    const png = PNG.sync.read(data);
    const rgba = (x: number, y: number) => {
      const i = (y * png.width + x) * 4;
      return [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0, png.data[i + 3] ?? 0] as const;
    };
    return { png, rgba };
  } catch (e) {
    out.push(problem(where, `the icon is not a readable PNG (${e instanceof Error ? e.message : String(e)})`, 'save it as a PNG file'));
    return undefined;
  }
}

function checkSize(name: string, png: PNG, size: number, out: PackageProblem[]): boolean {
  if (png.width === size && png.height === size) return true;
  out.push(problem(`appPackage/${name}`, `the icon is ${png.width}×${png.height} pixels`, `draw it at exactly ${size}×${size} pixels`));
  return false;
}

function checkColor(name: string, icon: Decoded, out: PackageProblem[]): void {
  if (!checkSize(name, icon.png, 192, out)) return;
  const corners = [icon.rgba(0, 0), icon.rgba(191, 0), icon.rgba(0, 191), icon.rgba(191, 191)];
  const first = corners[0]!;
  const same = corners.every((c) => c.every((v, i) => v === first[i]));
  const alpha = first[3];
  if (!same || (alpha !== 255 && alpha !== 0)) {
    out.push(problem(`appPackage/${name}`, 'the background is not one solid or fully transparent colour (the four corners differ or are half-transparent)', 'put the symbol on a solid square of the brand colour, or on full transparency'));
  }
}

function checkOutline(name: string, icon: Decoded, out: PackageProblem[]): void {
  if (!checkSize(name, icon.png, 32, out)) return;
  const bad: string[] = [];
  let [minX, minY, maxX, maxY] = [32, 32, -1, -1];
  for (let y = 0; y < 32; y += 1) {
    for (let x = 0; x < 32; x += 1) {
      const [r, g, b, a] = icon.rgba(x, y);
      if (a === 0) continue;
      if (r !== 255 || g !== 255 || b !== 255) bad.push(`(${x},${y}) is rgba(${r},${g},${b},${a})`);
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    }
  }
  const where = `appPackage/${name}`;
  if (bad.length > 0) {
    out.push(problem(`${where} pixel ${bad[0]}`, `${bad.length} visible pixels are not white: the outline icon may only hold white (255,255,255) on transparency`, 'draw the symbol in pure white and make everything else fully transparent (alpha 0)'));
  }
  if (maxX < 0) {
    out.push(problem(where, 'the outline icon is fully transparent', 'draw the symbol in white'));
  } else if (minX > 0 || minY > 0 || maxX < 31 || maxY < 31) {
    out.push(problem(where, `the symbol leaves padding: it spans (${minX},${minY})–(${maxX},${maxY}) of 0–31`, 'scale the symbol so it touches the edges of the 32×32 canvas (no padding)'));
  }
}

/** Decodes both icons and returns every rule they break (size, background, white-only outline). */
export function checkIcons(icons: IconFiles): PackageProblem[] {
  const out: PackageProblem[] = [];
  const color = decode(icons.color.name, icons.color.data, out);
  if (color) checkColor(icons.color.name, color, out);
  const outline = decode(icons.outline.name, icons.outline.data, out);
  if (outline) checkOutline(icons.outline.name, outline, out);
  return out;
}
