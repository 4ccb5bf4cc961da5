import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { checkIcons } from '../../../scripts/package/icon-checks';
import { insideMark, markCoverage } from '../../../scripts/icons/mark';
import { BRAND_COLOR, renderColorIcon, renderOutlineIcon } from '../../../scripts/icons/render-icons';
import { makePng, resolvedDevManifest, ROOT } from './helpers';

const committed = (name: string) => readFileSync(join(ROOT, 'appPackage', name));
const icons = (color: Buffer | undefined, outline: Buffer | undefined) => ({
  color: { name: 'color.png', data: color },
  outline: { name: 'outline.png', data: outline },
});
const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const CLEAR: [number, number, number, number] = [255, 255, 255, 0];
/** A 32×32 outline: a white frame on the canvas edge, transparent inside. */
const frame = (x: number, y: number) => (x === 0 || y === 0 || x === 31 || y === 31 ? WHITE : CLEAR);

describe('checkIcons', () => {
  it('store#27 store#28 accepts the committed icons', () => {
    expect(checkIcons(icons(committed('color.png'), committed('outline.png')))).toEqual([]);
  });

  it.each([
    { item: 'store#27', case: 'a colour icon of the wrong size', color: makePng(96, 96, () => [14, 124, 134, 255]), outline: committed('outline.png'), where: 'appPackage/color.png', what: /96×96 pixels/ },
    { item: 'store#27', case: 'a colour icon without a solid background', color: makePng(192, 192, (x) => [x, 0, 0, 255]), outline: committed('outline.png'), where: 'appPackage/color.png', what: /not one solid/ },
    { item: 'store#27', case: 'a half-transparent colour background', color: makePng(192, 192, () => [14, 124, 134, 128]), outline: committed('outline.png'), where: 'appPackage/color.png', what: /not one solid/ },
    { item: 'store#27', case: 'a missing colour icon', color: undefined, outline: committed('outline.png'), where: 'appPackage/color.png', what: /missing/ },
    { item: 'store#27', case: 'a colour icon that is not a PNG', color: Buffer.from('GIF89a'), outline: committed('outline.png'), where: 'appPackage/color.png', what: /not a readable PNG/ },
    { item: 'store#28', case: 'an outline icon of the wrong size', color: committed('color.png'), outline: makePng(48, 48, () => WHITE), where: 'appPackage/outline.png', what: /48×48 pixels/ },
    { item: 'store#28', case: 'an outline icon with a coloured pixel', color: committed('color.png'), outline: makePng(32, 32, (x, y) => (x === 5 && y === 7 ? [14, 124, 134, 255] : frame(x, y))), where: 'appPackage/outline.png pixel (5,7) is rgba(14,124,134,255)', what: /1 visible pixels are not white/ },
    { item: 'store#28', case: 'an outline icon with a grey anti-aliased edge', color: committed('color.png'), outline: makePng(32, 32, (x, y) => (y === 0 ? [200, 200, 200, 90] : frame(x, y))), where: 'appPackage/outline.png pixel (0,0) is rgba(200,200,200,90)', what: /32 visible pixels are not white/ },
    { item: 'store#28', case: 'an outline icon with padding', color: committed('color.png'), outline: makePng(32, 32, (x, y) => (x > 3 && x < 28 && y > 3 && y < 28 ? WHITE : CLEAR)), where: 'appPackage/outline.png', what: /leaves padding: it spans \(4,4\)–\(27,27\)/ },
    { item: 'store#28', case: 'an empty outline icon', color: committed('color.png'), outline: makePng(32, 32, () => CLEAR), where: 'appPackage/outline.png', what: /fully transparent/ },
  ])('$item catches $case', ({ color, outline, where, what }) => {
    expect(checkIcons(icons(color, outline))).toEqual([{ where, what: expect.stringMatching(what), fix: expect.stringMatching(/\w/) }]);
  });
});

describe('the icon generator', () => {
  // Rendering supersamples every pixel 16 times: draw once for the whole block.
  let color: Buffer;
  let outline: Buffer;
  beforeAll(() => {
    color = renderColorIcon();
    outline = renderOutlineIcon();
  });

  it('reproduces the committed PNGs byte for byte (icons are up to date with the script)', () => {
    expect(color.equals(committed('color.png'))).toBe(true);
    expect(outline.equals(committed('outline.png'))).toBe(true);
  });

  it('uses the manifest accent colour as the colour icon background', () => {
    const png = PNG.sync.read(color);
    const hex = `#${[0, 1, 2].map((i) => png.data[i]!.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    expect(hex).toBe(BRAND_COLOR);
    expect(resolvedDevManifest().accentColor).toBe(BRAND_COLOR);
  });

  it('keeps the colour symbol inside the centre 96×96 area', () => {
    const png = PNG.sync.read(color);
    const background = png.data.subarray(0, 4);
    const outside: string[] = [];
    for (let y = 0; y < 192; y += 1) {
      for (let x = 0; x < 192; x += 1) {
        const inCentre = x >= 48 && x < 144 && y >= 48 && y < 144;
        const i = (y * 192 + x) * 4;
        if (!inCentre && !png.data.subarray(i, i + 4).equals(background)) outside.push(`${x},${y}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it.each([
    { point: [0, 0.89], inside: true, part: 'the ring' },
    { point: [0, 0.7], inside: false, part: 'the gap between ring and body' },
    { point: [0, -0.2], inside: true, part: 'the head' },
    { point: [0, 0.45], inside: true, part: 'the body' },
    { point: [0.99, 0.99], inside: false, part: 'a corner' },
  ])('the mark holds $part: $point -> $inside', ({ point, inside }) => {
    expect(insideMark(point[0]!, point[1]!)).toBe(inside);
  });

  it.each([
    { pixel: [0, 0], expected: 'none', where: 'the corner, outside the ring' },
    { pixel: [15, 1], expected: 'full', where: 'the middle of the ring at the top' },
    { pixel: [4, 4], expected: 'partial', where: 'the ring edge on the diagonal' },
  ])('covers $where: $expected', ({ pixel, expected }) => {
    const c = markCoverage(pixel[0]!, pixel[1]!, 32);
    if (expected === 'none') expect(c).toBe(0);
    else if (expected === 'full') expect(c).toBe(1);
    else expect(c > 0 && c < 1).toBe(true);
  });
});
