/**
 * Teams app packaging: env files -> `${{VAR}}` substitution -> schema + store checks -> zip.
 * @module
 */
export { buildPackage, displayPath, MAX_PACKAGE_BYTES, type BuildPackageOptions, type BuildResult } from './build-package';
export { checkManifest, type CheckManifestOptions } from './check-manifest';
export { checkIcons, type IconFiles } from './icon-checks';
export { resolvePlaceholders, type ResolveResult } from './placeholders';
export { loadEnvironment, parseEnvFile, type EnvLoadResult } from './env-file';
export { parsePackageArgs, type PackageArgs } from './cli-args';
export { formatProblems, type PackageProblem } from './problem';
export { hostMatchesDomain } from './domain-rules';
export { validateSchema } from './manifest-schema';
