/**
 * `npm run package [-- --env <name>]`: builds appPackage/build/appPackage.<name>.zip, the file to
 * upload to Microsoft Teams (Apps › Manage your apps › Upload an app) or to the Developer Portal.
 * @module
 */
import { join } from 'node:path';
import { buildPackage, displayPath, formatProblems, parsePackageArgs } from './package/index';

async function main(): Promise<number> {
  const args = parsePackageArgs(process.argv.slice(2));
  if (!args.ok) {
    console.error(args.message);
    return 2;
  }
  const rootDir = join(__dirname, '..');
  const result = await buildPackage({ rootDir, env: args.env });
  if (!result.ok) {
    console.error(formatProblems(result.problems));
    return 1;
  }
  console.log(
    `Teams app package for "${args.env}": ${displayPath(rootDir, result.zipPath)} ` +
      `(${result.entries.join(', ')}; ${result.bytes} bytes). Schema and store checks passed.`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('Packaging failed unexpectedly:', error);
    process.exitCode = 1;
  },
);
