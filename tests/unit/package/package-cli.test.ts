import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

/** Runs `tsx scripts/package.ts …` exactly as `npm run package -- …` does. */
function runCli(...args: string[]) {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  return spawnSync(tsx, [join(ROOT, 'scripts', 'package.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('npm run package (scripts/package.ts)', () => {
  it('builds appPackage/build/appPackage.dev.zip and says so', () => {
    const run = runCli('--env', 'dev');
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Teams app package for "dev": appPackage\/build\/appPackage\.dev\.zip \(manifest\.json, color\.png, outline\.png; \d+ bytes\)/);
    expect(existsSync(join(ROOT, 'appPackage', 'build', 'appPackage.dev.zip'))).toBe(true);
  });

  it('exits 1 with the readable problem list for an unknown environment', () => {
    const run = runCli('--env=does-not-exist');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('1. env/.env.does-not-exist\n   what: there is no environment file for "does-not-exist"\n   fix:  create env/.env.does-not-exist');
  });

  it('exits 2 with the usage line for a bad argument', () => {
    const run = runCli('--envv', 'dev');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run package [-- --env <name>]');
  });
});
