/**
 * Draws appPackage/color.png and appPackage/outline.png from the product mark.
 * Run `npx tsx scripts/icons/draw-icons.ts` after changing the mark or the brand colour.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderColorIcon, renderOutlineIcon } from './render-icons';

const appPackageDir = join(__dirname, '..', '..', 'appPackage');
writeFileSync(join(appPackageDir, 'color.png'), renderColorIcon());
writeFileSync(join(appPackageDir, 'outline.png'), renderOutlineIcon());
console.log(`icons written to ${appPackageDir}`);
