/**
 * All manifest checks in one call: the Teams JSON schema plus our own rules.
 * @module
 */
import { problem, type PackageProblem } from './problem';
import { validateSchema } from './manifest-schema';
import { readManifestShape } from './manifest-shape';
import { checkCapabilities } from './capability-rules';
import { checkDomains } from './domain-rules';
import { checkListing } from './listing-rules';

/** Options of {@link checkManifest}. */
export interface CheckManifestOptions {
  /** accept localhost and tunnel hosts: only for the `local` environment, never for the store */
  readonly allowDevHosts?: boolean;
}

/**
 * Checks a resolved manifest (no `${{…}}` left): schema errors first, then our rules. Returns
 * every problem found; an empty list means the manifest is good to package.
 */
export async function checkManifest(manifest: unknown, options: CheckManifestOptions = {}): Promise<PackageProblem[]> {
  const schemaProblems = await validateSchema(manifest);
  const shape = readManifestShape(manifest);
  if (shape === undefined) {
    return [
      ...schemaProblems,
      problem('manifest.json', 'the manifest is not a JSON object of the Teams shape', 'start again from appPackage/manifest.json in git'),
    ];
  }
  return [
    ...schemaProblems,
    ...checkCapabilities(shape),
    ...checkDomains(shape, { allowDevHosts: options.allowDevHosts ?? false }),
    ...checkListing(shape),
  ];
}
