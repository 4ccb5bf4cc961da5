/**
 * JSON-schema validation of a resolved manifest with `@microsoft/app-manifest`, always against
 * the schema bundled in that package: the library would download any other `$schema` URL, and
 * packaging must work offline.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { problem, type PackageProblem } from './problem';

/** The oldest manifest version we accept (bot command limit 12, current Teams clients). */
export const MIN_MANIFEST_VERSION = [1, 24] as const;

const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/v(\d+)\.(\d+)\/MicrosoftTeams\.schema\.json$/i;

const WHERE = 'manifest.json';

function bundledSchemaPath(version: string): string {
  const buildDir = dirname(require.resolve('@microsoft/app-manifest'));
  return join(buildDir, 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
}

function field(manifest: unknown, key: string): unknown {
  return typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>)[key] : undefined;
}

/** Turns ajv's "<pointer> <message>. Details: {...}" into a problem with a fix. */
function fromAjvMessage(message: string): PackageProblem {
  const match = /^(\S*) (.*?)\. Details: (.*)$/s.exec(message);
  const pointer = match?.[1] || '/';
  const text = match?.[2] ?? message;
  const details = match?.[3] ?? '';
  let fix = 'change the value so it matches the Teams manifest schema';
  const allowed = /"allowedValues":(\[[^\]]*\])/.exec(details)?.[1];
  const extra = /"additionalProperty":"([^"]+)"/.exec(details)?.[1];
  const pattern = /"pattern":"([^"]+)"/.exec(details)?.[1];
  const missing = /"missingProperty":"([^"]+)"/.exec(details)?.[1];
  if (allowed) fix = `use one of ${allowed}`;
  else if (extra) fix = `remove "${extra}" (the schema does not know it) or check its spelling`;
  else if (missing) fix = `add "${missing}"`;
  else if (pattern) fix = `use a value matching ${pattern}`;
  else if (/must NOT have more than/.test(text)) fix = 'shorten it to the limit';
  return problem(`${WHERE} ${pointer}`, `schema: ${text}`, fix);
}

/**
 * Validates a resolved manifest against its bundled Teams schema (`$schema` must name a
 * released version ≥ 1.24 whose number equals `manifestVersion`). Never touches the network.
 */
export async function validateSchema(manifest: unknown): Promise<PackageProblem[]> {
  const schemaUrl = field(manifest, '$schema');
  const match = typeof schemaUrl === 'string' ? SCHEMA_URL.exec(schemaUrl) : null;
  if (!match) {
    return [
      problem(
        `${WHERE} /$schema`,
        `"$schema" is ${JSON.stringify(schemaUrl)}, not a released Teams manifest schema URL`,
        'use https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json (or a newer released version)',
      ),
    ];
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const version = `${major}.${minor}`;
  const [minMajor, minMinor] = MIN_MANIFEST_VERSION;
  const problems: PackageProblem[] = [];
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    problems.push(
      problem(`${WHERE} /$schema`, `schema v${version} is older than v${minMajor}.${minMinor}`, `use v${minMajor}.${minMinor} or newer`),
    );
  }
  if (field(manifest, 'manifestVersion') !== version) {
    problems.push(
      problem(
        `${WHERE} /manifestVersion`,
        `"manifestVersion" is ${JSON.stringify(field(manifest, 'manifestVersion'))} but "$schema" is v${version}`,
        `set "manifestVersion": "${version}" (the two must match)`,
      ),
    );
  }
  const schemaFile = bundledSchemaPath(version);
  if (!existsSync(schemaFile)) {
    problems.push(
      problem(`${WHERE} /$schema`, `schema v${version} is not bundled in @microsoft/app-manifest`, 'use a released version such as v1.24'),
    );
    return problems;
  }
  // The same clean-up the library applies to its bundled files: they contain \a and \v escapes.
  const raw = readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(raw) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  const messages = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  return [...problems, ...messages.map(fromAjvMessage)];
}
