/**
 * Store naming and description rules (store items 15, 16, 24) the JSON schema cannot express.
 * @module
 */
import { problem, type PackageProblem } from './problem';
import type { ManifestShape } from './manifest-shape';

const WHERE = 'manifest.json';

/** Microsoft product names an app name must not carry (store item 15). */
const MICROSOFT_NAMES = /\b(teams|microsoft|office|outlook|sharepoint|onedrive|skype|copilot|ms|msft)\b/i;
const PRERELEASE_WORDS = /\b(beta|dev|preview|uat|test)\b/i;
/** Teams core features a name must not begin with (store item 15). */
const RESERVED_START = /^(chat|contacts|calendar|calls|files|activity|teams|help)\b/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function checkName(value: string | undefined, pointer: string, max: number): PackageProblem[] {
  if (value === undefined) return [];
  const where = `${WHERE} ${pointer}`;
  const out: PackageProblem[] = [];
  if (value.trim() === '') out.push(problem(where, 'the name is empty', 'give the app its product name, e.g. "Halo Import"'));
  if (value.length > max) out.push(problem(where, `"${value}" has ${value.length} characters, more than ${max}`, `shorten it to ${max} characters`));
  const ms = MICROSOFT_NAMES.exec(value);
  if (ms) out.push(problem(where, `"${value}" contains the Microsoft name "${ms[0]}"`, 'remove it: store names may not contain Teams, Microsoft or other Microsoft product names'));
  const pre = PRERELEASE_WORDS.exec(value);
  if (pre) out.push(problem(where, `"${value}" contains "${pre[0]}"`, 'store names may not say Beta, Dev, Preview, UAT or Test; use the production name'));
  const start = RESERVED_START.exec(value);
  if (start) out.push(problem(where, `"${value}" begins with the Teams feature word "${start[0]}"`, 'start the name with your brand or product word'));
  return out;
}

function checkDescriptions(manifest: ManifestShape): PackageProblem[] {
  const out: PackageProblem[] = [];
  const short = manifest.description?.short;
  const full = manifest.description?.full;
  if (short !== undefined && short.length > 80) {
    out.push(problem(`${WHERE} /description/short`, `the short description has ${short.length} characters, more than 80`, 'say what the app does in one sentence of at most 80 characters'));
  }
  if (full !== undefined) {
    const words = full.split(/\s+/).filter(Boolean).length;
    if (full.length > 4000) out.push(problem(`${WHERE} /description/full`, `the full description has ${full.length} characters, more than 4000`, 'shorten it'));
    if (words > 500) out.push(problem(`${WHERE} /description/full`, `the full description has ${words} words, more than 500`, 'shorten it to 500 words'));
    const firstTeams = /\bTeams\b/.exec(full);
    if (firstTeams && !/Microsoft\s$/.test(full.slice(0, firstTeams.index))) {
      out.push(problem(`${WHERE} /description/full`, 'the first mention of Teams is not "Microsoft Teams"', 'write "Microsoft Teams" the first time Teams is named'));
    }
  }
  for (const [pointer, text] of [['/description/short', short], ['/description/full', full]] as const) {
    const abbr = text === undefined ? null : /\b(MS|MSFT)\b/.exec(text);
    if (abbr) out.push(problem(`${WHERE} ${pointer}`, `the description abbreviates Microsoft as "${abbr[0]}"`, 'write "Microsoft" in full'));
  }
  return out;
}

/** Names, descriptions and version as the store requires them. */
export function checkListing(manifest: ManifestShape): PackageProblem[] {
  const out = [
    ...checkName(manifest.name?.short, '/name/short', 30),
    ...checkName(manifest.name?.full, '/name/full', 100),
    ...checkDescriptions(manifest),
  ];
  if (manifest.version !== undefined && !SEMVER.test(manifest.version)) {
    out.push(problem(`${WHERE} /version`, `"${manifest.version}" is not a semantic version`, 'use MAJOR.MINOR.PATCH, e.g. 1.0.0, and raise it on every change'));
  }
  return out;
}
