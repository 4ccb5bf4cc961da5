import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding the project's package.json, found by walking up from this file, so the
 * same code finds `scripts/seeds` and `tab/dist` whether it runs from `src/` (tsx, jest) or `dist/src/`.
 */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && !dir.split(path.sep).includes('node_modules')) {
      if (!fs.existsSync(path.join(dir, 'tsconfig.build.json')) && path.basename(dir) === 'dist') {
        dir = path.dirname(dir);
        continue;
      }
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
