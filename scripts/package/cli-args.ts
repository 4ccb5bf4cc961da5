/**
 * Arguments of `npm run package [-- --env <name>]`.
 * @module
 */

/** Parsed command line. */
export type PackageArgs = { readonly ok: true; readonly env: string } | { readonly ok: false; readonly message: string };

const USAGE = 'usage: npm run package [-- --env <name>]   (default: dev; reads env/.env.<name>)';

/** Reads `--env dev`, `--env=dev` or nothing (dev). Anything else is a usage error. */
export function parsePackageArgs(argv: readonly string[]): PackageArgs {
  let env = 'dev';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--env') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return { ok: false, message: `--env needs a name. ${USAGE}` };
      env = next;
      i += 1;
    } else if (arg.startsWith('--env=')) {
      env = arg.slice('--env='.length);
    } else if (arg === '--help' || arg === '-h') {
      return { ok: false, message: USAGE };
    } else {
      return { ok: false, message: `unknown argument "${arg}". ${USAGE}` };
    }
  }
  return { ok: true, env };
}
