/**
 * The product mark, "a user inside a halo", as a pure shape test over the unit square
 * [-1, 1]² so every icon size is drawn from the same geometry.
 * @module
 */

const RING_OUTER = 1;
const RING_INNER = 0.78;
const HEAD = { cx: 0, cy: -0.2, r: 0.25 } as const;
const BODY = { cx: 0, cy: 0.68, rx: 0.48, ry: 0.52 } as const;
// The body is clipped by a circle smaller than the ring's hole so a gap separates them at 32 px.
const BODY_CLIP = 0.64;

/** True when the point (x, y) of the unit square belongs to the mark. */
export function insideMark(x: number, y: number): boolean {
  const r = Math.hypot(x, y);
  if (r <= RING_OUTER && r >= RING_INNER) return true;
  if (Math.hypot(x - HEAD.cx, y - HEAD.cy) <= HEAD.r) return true;
  const ex = (x - BODY.cx) / BODY.rx;
  const ey = (y - BODY.cy) / BODY.ry;
  return ex * ex + ey * ey <= 1 && r <= BODY_CLIP;
}

/**
 * Share (0..1) of the pixel (px, py) covered by the mark when the mark spans `size` pixels,
 * sampled on an n×n grid so edges are anti-aliased.
 */
export function markCoverage(px: number, py: number, size: number, samples = 4): number {
  let hits = 0;
  for (let sy = 0; sy < samples; sy += 1) {
    for (let sx = 0; sx < samples; sx += 1) {
      const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
      const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
      if (insideMark(x, y)) hits += 1;
    }
  }
  return hits / (samples * samples);
}
