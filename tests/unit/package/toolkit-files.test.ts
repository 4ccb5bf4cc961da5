import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvFile } from '../../../scripts/package/env-file';
import { ROOT } from './helpers';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The `uses:` actions of one top-level lifecycle section of a teamsapp yml, in order. */
function actions(yml: string, section: 'provision' | 'deploy' | 'publish'): string[] {
  const start = yml.search(new RegExp(`^${section}:`, 'm'));
  if (start < 0) return [];
  const rest = yml.slice(start + section.length + 1);
  const end = rest.search(/^\w+:/m);
  const body = end < 0 ? rest : rest.slice(0, end);
  return [...body.matchAll(/^\s*- uses: (\S+)/gm)].map((m) => m[1]!);
}

const PROVISION_CORE = [
  'teamsApp/create',
  'aadApp/create',
  'aadApp/update',
  'aadApp/create',
  'botFramework/create',
  'teamsApp/validateManifest',
  'teamsApp/zipAppPackage',
  'cli/runNpmCommand',
  'teamsApp/validateAppPackage',
  'teamsApp/update',
];

describe('teamsapp.yml and teamsapp.local.yml', () => {
  it('teamsapp.yml provisions in the toolkit order and runs our store checks before validateAppPackage', () => {
    expect(actions(read('teamsapp.yml'), 'provision')).toEqual(PROVISION_CORE);
  });

  it('teamsapp.yml deploys the one Node service: install, build, zip deploy', () => {
    const yml = read('teamsapp.yml');
    expect(actions(yml, 'deploy')).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(yml).toMatch(/args: run build\n/);
    expect(actions(yml, 'publish')).toContain('teamsApp/publishAppPackage');
  });

  it('teamsapp.local.yml points the tab at the tunnel, then provisions the same way', () => {
    const yml = read('teamsapp.local.yml');
    expect(actions(yml, 'provision').filter((a) => a !== 'script')).toEqual(PROVISION_CORE);
    expect(yml).toContain('TAB_ENDPOINT=${{BOT_ENDPOINT}}');
    expect(actions(yml, 'deploy')).toEqual(['cli/runNpmCommand', 'file/createOrUpdateEnvironmentFile']);
  });

  it.each(['teamsapp.yml', 'teamsapp.local.yml'])('%s: single-tenant bot, multi-tenant SSO, secret only as SECRET_', (file) => {
    const yml = read(file);
    expect(yml).toMatch(/name: halo-import-bot[^\n]*\n\s+generateClientSecret: true\n\s+signInAudience: AzureADMyOrg/);
    expect(yml).toMatch(/name: halo-import-sso[^\n]*\n\s+generateClientSecret: false\n\s+signInAudience: AzureADMultipleOrgs/);
    expect(yml).toContain('clientSecret: SECRET_BOT_PASSWORD');
    expect(yml).toContain('messagingEndpoint: ${{BOT_ENDPOINT}}/api/messages');
    expect(yml).toContain('manifestPath: ./aad.manifest.json');
  });
});

describe('aad.manifest.json (Entra app for tab SSO)', () => {
  const aad = JSON.parse(read('aad.manifest.json')) as {
    identifierUris: string[];
    api: { oauth2PermissionScopes: Array<{ value: string; id: string; type: string }>; preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }> };
  };

  it('store#32 exposes api://<tab domain>/<client id>, the resource the Teams manifest names', () => {
    const manifest = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo: { resource: string } };
    expect(aad.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(aad.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
  });

  it('exposes the access_as_user scope and pre-authorizes the Teams desktop/mobile and web clients for it', () => {
    const scope = aad.api.oauth2PermissionScopes.find((s) => s.value === 'access_as_user');
    expect(scope).toMatchObject({ type: 'User' });
    expect(aad.api.preAuthorizedApplications).toEqual([
      { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', delegatedPermissionIds: [scope!.id] },
      { appId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', delegatedPermissionIds: [scope!.id] },
    ]);
  });
});

describe('env files', () => {
  const template = read('appPackage/manifest.json');
  const used = [...new Set([...template.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!))];

  it.each(['dev', 'local'])('env/.env.%s declares every variable the manifest uses', (env) => {
    const vars = parseEnvFile(read(`env/.env.${env}`));
    expect(used.filter((name) => !(name in vars))).toEqual([]);
  });

  it.each(['dev', 'local'])('store#9 env/.env.%s holds no secret', (env) => {
    const vars = parseEnvFile(read(`env/.env.${env}`));
    const secretish = Object.entries(vars).filter(([k, v]) => /SECRET|PASSWORD|KEY|TOKEN/i.test(k) && v !== '');
    expect(secretish).toEqual([]);
  });

  it('keeps env/.env.*.user (the secrets) out of git', () => {
    const ignored = execFileSync('git', ['check-ignore', 'env/.env.dev.user', 'env/.env.local.user'], { cwd: ROOT, encoding: 'utf8' });
    expect(ignored.trim().split('\n')).toEqual(['env/.env.dev.user', 'env/.env.local.user']);
  });
});
