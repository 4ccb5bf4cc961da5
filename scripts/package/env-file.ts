/**
 * Reads `env/.env.<name>` plus the optional gitignored `env/.env.<name>.user` (secrets), the same
 * pair Teams Toolkit reads. Later files win.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problem, type PackageProblem } from './problem';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function unquote(raw: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(raw);
  if (quoted) return quoted[2] ?? '';
  // an unquoted value may carry a trailing comment: KEY=value # note
  return raw.replace(/\s+#.*$/, '');
}

/** Parses dotenv text: `KEY=value` lines, `#` comments, optional quotes and `export`. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (match?.[1] !== undefined) vars[match[1]] = unquote(match[2] ?? '');
  }
  return vars;
}

/** Variables of one environment and the files they came from (for error messages). */
export type EnvLoadResult =
  | { readonly ok: true; readonly vars: Record<string, string>; readonly files: readonly string[] }
  | { readonly ok: false; readonly problems: readonly PackageProblem[] };

/** Loads `env/.env.<envName>` (required) and `env/.env.<envName>.user` (optional). */
export function loadEnvironment(rootDir: string, envName: string): EnvLoadResult {
  const base = join('env', `.env.${envName}`);
  if (!existsSync(join(rootDir, base))) {
    return {
      ok: false,
      problems: [
        problem(
          base,
          `there is no environment file for "${envName}"`,
          `create ${base} (copy env/.env.dev and change the values) or pass an existing --env name`,
        ),
      ],
    };
  }
  const files = [base];
  let vars = parseEnvFile(readFileSync(join(rootDir, base), 'utf8'));
  const user = `${base}.user`;
  if (existsSync(join(rootDir, user))) {
    files.push(user);
    vars = { ...vars, ...parseEnvFile(readFileSync(join(rootDir, user), 'utf8')) };
  }
  return { ok: true, vars, files };
}
