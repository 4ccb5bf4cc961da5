import { parseCommand } from '../../../bot/commands';

describe('parseCommand', () => {
  it.each`
    text                                           | expected
    ${'import halo users to Team X'}               | ${{ kind: 'import', team: 'Team X' }}
    ${'IMPORT HALO USERS INTO team x'}             | ${{ kind: 'import', team: 'team x' }}
    ${'  import   halo\u00a0users   to   Team   X  '} | ${{ kind: 'import', team: 'Team X' }}
    ${'<at>Halo Import</at> import halo users to Acme'} | ${{ kind: 'import', team: 'Acme' }}
    ${'import halo users to "Team X".'}            | ${{ kind: 'import', team: 'Team X' }}
    ${'import halopsa users to Fabrikam'}          | ${{ kind: 'import', team: 'Fabrikam' }}
    ${'import halo users'}                         | ${{ kind: 'import', team: '' }}
    ${'import halo users to'}                      | ${{ kind: 'import', team: '' }}
    ${'help'}                                      | ${{ kind: 'help' }}
    ${'HELP'}                                      | ${{ kind: 'help' }}
    ${'Hi'}                                        | ${{ kind: 'help' }}
    ${'hello!'}                                    | ${{ kind: 'help' }}
    ${'status'}                                    | ${{ kind: 'status' }}
    ${' Status. '}                                 | ${{ kind: 'status' }}
    ${'disconnect halo'}                           | ${{ kind: 'disconnect' }}
    ${'Disconnect HaloPSA'}                        | ${{ kind: 'disconnect' }}
    ${'import users to Team X'}                    | ${{ kind: 'unknown', text: 'import users to Team X' }}
    ${'what can you do'}                           | ${{ kind: 'unknown', text: 'what can you do' }}
    ${''}                                          | ${{ kind: 'unknown', text: '' }}
  `('"$text" -> $expected.kind', ({ text, expected }) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
