/**
 * `${{VAR}}` substitution in the manifest template, the Teams Toolkit placeholder syntax.
 * @module
 */
import { problem, type PackageProblem } from './problem';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Outcome of {@link resolvePlaceholders}. */
export type ResolveResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problems: readonly PackageProblem[] };

/**
 * Replaces every `${{VAR}}` in a JSON template with the variable's value, escaped for a JSON
 * string. A variable that is missing or empty is a problem naming it and the env files read,
 * so nothing half-resolved is ever packaged.
 *
 * @param template - the manifest template text
 * @param vars - the environment's variables
 * @param sources - the env files the variables came from, named in problems
 */
export function resolvePlaceholders(
  template: string,
  vars: Readonly<Record<string, string | undefined>>,
  sources: readonly string[],
): ResolveResult {
  // name -> line of its first use, so the message points into the template
  const missing = new Map<string, number>();
  const text = template.replace(PLACEHOLDER, (_whole, name: string, offset: number) => {
    const value = vars[name];
    if (value === undefined || value.trim() === '') {
      if (!missing.has(name)) missing.set(name, template.slice(0, offset).split('\n').length);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size === 0) return { ok: true, text };
  const files = sources.length > 0 ? sources.join(' or ') : 'the environment file';
  return {
    ok: false,
    problems: [...missing].map(([name, line]) =>
      problem(
        `appPackage/manifest.json line ${line} \${{${name}}}`,
        `the variable ${name} is ${name in vars ? 'empty' : 'not set'} in ${files}`,
        `set ${name}=<value> in ${files} (run \`teamsapp provision\` to have it written, see docs/deploy.md)`,
      ),
    ),
  };
}
