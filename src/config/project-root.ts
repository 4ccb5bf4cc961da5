import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding the project's package.json, found by walking up from this file, so the
 * same code finds `scripts/seeds` and `tab/dist` whether it runs from `src/` (tsx, jest) or `dist/src/`.
 */
export function projectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
