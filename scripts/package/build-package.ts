/**
 * Builds `appPackage/build/appPackage.<env>.zip`: resolve `${{VAR}}`, check the manifest and the
 * icons, zip manifest.json and the two icons at the root. Nothing is written unless every check passes.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { checkIcons } from './icon-checks';
import { checkManifest } from './check-manifest';
import { loadEnvironment } from './env-file';
import { resolvePlaceholders } from './placeholders';
import { problem, type PackageProblem } from './problem';
import { zipEntries } from './zip';

/** The toolkit's own cap on an app package (store item 26). */
export const MAX_PACKAGE_BYTES = 10 * 1024 * 1024;

/** Options of {@link buildPackage}. */
export interface BuildPackageOptions {
  /** the project root: holds appPackage/ and env/ */
  readonly rootDir: string;
  /** environment name: reads env/.env.<env> (+ .user) and writes appPackage.<env>.zip */
  readonly env: string;
  /** where the zip goes; defaults to <rootDir>/appPackage/build */
  readonly outDir?: string;
}

/** Outcome of {@link buildPackage}. */
export type BuildResult =
  | {
      readonly ok: true;
      readonly zipPath: string;
      /** the resolved manifest, also written next to the zip as manifest.<env>.json */
      readonly manifest: Record<string, unknown>;
      readonly entries: readonly string[];
      readonly bytes: number;
    }
  | { readonly ok: false; readonly problems: readonly PackageProblem[] };

function readIcon(appPackageDir: string, name: unknown): { name: string; data: Buffer | undefined } {
  const fileName = typeof name === 'string' ? name : '';
  // The package is flat: an icon path with folders would not sit at the zip's root.
  const flat = fileName !== '' && basename(fileName) === fileName;
  const path = join(appPackageDir, fileName);
  return { name: fileName || '(none)', data: flat && existsSync(path) ? readFileSync(path) : undefined };
}

/** Builds and validates the app package of one environment; see {@link BuildResult}. */
export async function buildPackage(options: BuildPackageOptions): Promise<BuildResult> {
  const { rootDir, env } = options;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(env)) {
    return { ok: false, problems: [problem('--env', `"${env}" is not an environment name`, 'use lower-case letters, digits and dashes, e.g. --env dev')] };
  }
  const appPackageDir = join(rootDir, 'appPackage');
  const loaded = loadEnvironment(rootDir, env);
  if (!loaded.ok) return loaded;
  const template = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
  const resolved = resolvePlaceholders(template, loaded.vars, loaded.files);
  if (!resolved.ok) return resolved;

  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(resolved.text) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, problems: [problem('appPackage/manifest.json', `the manifest is not valid JSON (${e instanceof Error ? e.message : String(e)})`, 'fix the JSON syntax')] };
  }
  const icons = (typeof manifest.icons === 'object' && manifest.icons !== null ? manifest.icons : {}) as Record<string, unknown>;
  const color = readIcon(appPackageDir, icons.color);
  const outline = readIcon(appPackageDir, icons.outline);
  const problems = [
    ...(await checkManifest(manifest, { allowDevHosts: env === 'local' })),
    ...checkIcons({ color, outline }),
  ];
  if (problems.length > 0) return { ok: false, problems };

  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const entries = [
    { name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') },
    { name: color.name, data: color.data! },
    { name: outline.name, data: outline.data! },
  ];
  const zip = await zipEntries(entries);
  if (zip.length > MAX_PACKAGE_BYTES) {
    return { ok: false, problems: [problem('appPackage', `the package is ${zip.length} bytes, more than 10 MB`, 'make the icons smaller')] };
  }
  const outDir = options.outDir ?? join(appPackageDir, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${env}.zip`);
  writeFileSync(zipPath, zip);
  writeFileSync(join(outDir, `manifest.${env}.json`), manifestText);
  return { ok: true, zipPath, manifest, entries: entries.map((e) => e.name), bytes: zip.length };
}

/** A path relative to the root for messages, e.g. appPackage/build/appPackage.dev.zip. */
export function displayPath(rootDir: string, path: string): string {
  return relative(rootDir, path) || path;
}
