/** Shared test data: the real template resolved with the committed dev environment. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { loadEnvironment } from '../../../scripts/package/env-file';
import { resolvePlaceholders } from '../../../scripts/package/placeholders';

export const ROOT = join(__dirname, '..', '..', '..');

/** The dev manifest exactly as `npm run package -- --env dev` would check it (a fresh copy). */
export function resolvedDevManifest(): Record<string, unknown> {
  const env = loadEnvironment(ROOT, 'dev');
  if (!env.ok) throw new Error('env/.env.dev is missing');
  const resolved = resolvePlaceholders(readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8'), env.vars, env.files);
  if (!resolved.ok) throw new Error(`dev manifest does not resolve: ${JSON.stringify(resolved.problems)}`);
  return JSON.parse(resolved.text) as Record<string, unknown>;
}

/**
 * Sets (or with `undefined` deletes) the value at a JSON pointer such as `/bots/0/scopes/0`,
 * so table rows can describe a broken manifest as data.
 */
export function setAt(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop()!;
  let node: Record<string, unknown> = target;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** A throw-away project root holding copies of appPackage/ and env/, safe to break. */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'halo-package-'));
  cpSync(join(ROOT, 'appPackage'), join(dir, 'appPackage'), { recursive: true, filter: (src) => !src.includes(`${join('appPackage', 'build')}`) });
  cpSync(join(ROOT, 'env'), join(dir, 'env'), { recursive: true, filter: (src) => !src.endsWith('.user') });
  return dir;
}

/** A PNG whose every pixel comes from `pixel(x, y)`. */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      png.data.set([r, g, b, a], (y * width + x) * 4);
    }
  }
  return PNG.sync.write(png);
}
