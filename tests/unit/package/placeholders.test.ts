import { parsePackageArgs } from '../../../scripts/package/cli-args';
import { parseEnvFile } from '../../../scripts/package/env-file';
import { resolvePlaceholders } from '../../../scripts/package/placeholders';
import { formatProblems } from '../../../scripts/package/problem';

describe('resolvePlaceholders', () => {
  it.each([
    { template: '{"id":"${{APP_ID}}"}', vars: { APP_ID: 'abc' }, text: '{"id":"abc"}' },
    { template: '"${{ SPACED }}"', vars: { SPACED: 'x' }, text: '"x"' },
    { template: '"${{A}}/${{B}}/${{A}}"', vars: { A: '1', B: '2' }, text: '"1/2/1"' },
    { template: '"${{Q}}"', vars: { Q: 'say "hi"\\now' }, text: '"say \\"hi\\"\\\\now"' },
    { template: '"no placeholders"', vars: {}, text: '"no placeholders"' },
    { template: '"${{lower_case1}}"', vars: { lower_case1: 'ok' }, text: '"ok"' },
  ])('resolves $template', ({ template, vars, text }) => {
    const result = resolvePlaceholders(template, vars, ['env/.env.dev']);
    expect(result).toEqual({ ok: true, text });
    if (result.ok) expect(() => JSON.parse(result.text)).not.toThrow();
  });

  it.each([
    { case: 'unset', vars: {}, what: 'the variable BOT_ID is not set in env/.env.dev or env/.env.dev.user' },
    { case: 'empty', vars: { BOT_ID: '' }, what: 'the variable BOT_ID is empty in env/.env.dev or env/.env.dev.user' },
    { case: 'blank', vars: { BOT_ID: '   ' }, what: 'the variable BOT_ID is empty in env/.env.dev or env/.env.dev.user' },
  ])('names a variable that is $case, the files read and the line', ({ vars, what }) => {
    const result = resolvePlaceholders('{\n  "bots": [\n    {"botId": "${{BOT_ID}}"}]}', vars, ['env/.env.dev', 'env/.env.dev.user']);
    expect(result).toEqual({
      ok: false,
      problems: [{ where: 'appPackage/manifest.json line 3 ${{BOT_ID}}', what, fix: expect.stringContaining('set BOT_ID=<value> in env/.env.dev') }],
    });
  });

  it('reports each missing variable once, however often it is used', () => {
    const result = resolvePlaceholders('"${{A}} ${{B}} ${{A}} ${{C}}"', { B: 'b' }, ['env/.env.x']);
    expect(result.ok ? [] : result.problems.map((p) => p.where)).toEqual([
      'appPackage/manifest.json line 1 ${{A}}',
      'appPackage/manifest.json line 1 ${{C}}',
    ]);
  });
});

describe('parseEnvFile', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['  A = spaced  ', { A: 'spaced' }],
    ['# comment\n\nA=1\r\nB=2', { A: '1', B: '2' }],
    ['export A=1', { A: '1' }],
    ['A="quoted # not a comment"', { A: 'quoted # not a comment' }],
    ["A='single'", { A: 'single' }],
    ['A=value # trailing comment', { A: 'value' }],
    ['A=https://x.example.com/#frag', { A: 'https://x.example.com/#frag' }],
    ['A=', { A: '' }],
    ['not a line\n1BAD=x', {}],
    ['A=1\nA=2', { A: '2' }],
  ])('%j -> %j', (text, vars) => {
    expect(parseEnvFile(text)).toEqual(vars);
  });
});

describe('parsePackageArgs', () => {
  it.each([
    [[], 'dev'],
    [['--env', 'local'], 'local'],
    [['--env=prod'], 'prod'],
  ])('%j -> env %s', (argv, env) => {
    expect(parsePackageArgs(argv)).toEqual({ ok: true, env });
  });

  it.each([[['--env']], [['--env', '--verbose']], [['dev']], [['--help']]])('refuses %j with the usage line', (argv) => {
    expect(parsePackageArgs(argv)).toEqual({ ok: false, message: expect.stringContaining('usage: npm run package [-- --env <name>]') });
  });
});

describe('formatProblems', () => {
  it('numbers the problems and says what, where and how to fix', () => {
    expect(formatProblems([{ where: 'manifest.json /id', what: 'not a GUID', fix: 'use a GUID' }])).toBe(
      'The Teams app package was not built (1 problem):\n1. manifest.json /id\n   what: not a GUID\n   fix:  use a GUID',
    );
  });
});
