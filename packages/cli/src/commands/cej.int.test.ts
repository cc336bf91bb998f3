import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// Three months of one young person's CEJ from the command line, on a SQLite store in a temporary
// folder: declared and validated hours, a workshop, two breaches (one sanctioned, one justified),
// the allowance and its statement.
const { dir, parcours, ok, remove } = inProcessCli('parcours-cej-', 'sqlite:journeys.db')
afterAll(remove)

const Y = ['--youth', 'y-ana', '--mission-locale', 'ml-a']
const C = ['--as', 'counsellor:c-1@ml-a']
const M = ['--as', 'manager:m-1@ml-a']
const cej = (who: string[], sub: string, on: string, ...rest: string[]) =>
  ok(...who, 'cej', sub, ...Y, '--on', on, ...rest)
const eventCount = async () =>
  (JSON.parse((await ok(...M, 'show', '--youth', 'y-ana', '--json')).out) as { items: unknown[] }).items
    .length

describe('the CEJ from the command line', () => {
  it('records three months of hours, breaches and sanctions, and show prints them with the amounts', async () => {
    await ok(
      ...C,
      'register',
      ...Y,
      '--counsellor',
      'c-1',
      '--birth-date',
      '2004-03-15',
      '--on',
      '2025-01-06',
    )
    await ok(
      ...C,
      'programme',
      'enter',
      ...Y,
      '--programme',
      'CEJ',
      '--until',
      '2025-12-31',
      '--on',
      '2025-01-06',
    )
    await cej(C, 'allowance', '2025-01-06', '--household', 'non-taxable')
    await cej(
      C,
      'declare',
      '2025-01-08',
      '--activity',
      'a-1',
      '--kind',
      'training',
      '--from',
      '2025-01-13',
      '--to',
      '2025-02-09',
      '--hours',
      '20',
    )
    await cej(C, 'validate', '2025-01-17', '--activity', 'a-1', '--hours', '18')
    await ok(
      ...C,
      'follow-up',
      'schedule',
      ...Y,
      '--follow-up',
      'ws-1',
      '--kind',
      'workshop',
      '--due',
      '2025-02-12',
      '--on',
      '2025-02-03',
    )
    await ok(...C, 'follow-up', 'keep', ...Y, '--follow-up', 'ws-1', '--on', '2025-02-12')
    await cej(C, 'breach', '2025-02-17', '--breach', 'b-1', '--kind', 'unjustified-absence')
    await cej(C, 'hearing', '2025-02-24', '--breach', 'b-1', '--outcome', 'breach-upheld')
    await cej(M, 'sanction', '2025-02-26', '--breach', 'b-1')
    await cej(
      C,
      'declare',
      '2025-03-03',
      '--activity',
      'a-2',
      '--kind',
      'immersion',
      '--from',
      '2025-03-03',
      '--to',
      '2025-03-28',
      '--hours',
      '30',
    )
    await cej(C, 'validate', '2025-03-10', '--activity', 'a-2', '--hours', '30')
    await cej(C, 'breach', '2025-03-31', '--breach', 'b-2', '--kind', 'refused-activity')
    await cej(C, 'hearing', '2025-04-02', '--breach', 'b-2', '--outcome', 'breach-justified')
    const shown = (await ok(...M, 'show', '--youth', 'y-ana', '--at', '2025-04-06')).out
    expect(shown).toContain('CEJ from 2025-01-06, open, mission locale ml-a, as of 2025-04-06')
    expect(shown).toMatch(/2025-01-13 │ +18h00 │ +20h00 │ no/)
    expect(shown).toMatch(/2025-02-10 │ +4h00 │ +4h00 │ yes/)
    expect(shown).toMatch(/2025-03-10 │ +30h00 │ +30h00 │ no/)
    expect(shown).toContain('sanction 1 allowance-reduced decided 2025-02-26, from 2025-03-01')
    expect(shown).toContain(
      'Breach b-2 (refused-activity, 2025-03-31): heard 2025-04-02: breach-justified, no sanction',
    )
    expect(shown).toMatch(/2025-01 │ 26\/31 │ 471\.08 │ —  +│ 471\.08/)
    expect(shown).toMatch(/2025-03 │ 31\/31 │ 561\.68 │ allowance-reduced │ 421\.26/)
    const log = (await ok(...M, 'access-log')).out
    expect(log).toContain('allowance-basis')
  })

  it('the manager exports the statement as CSV; a file that is not a statement is not replaced', async () => {
    const out = (await ok(...M, 'cej', 'statement', '--month', '2025-03')).out
    expect(out.split('\n')[1]).toBe(
      'y-ana,ml-a,2025-03,CEJ-2025-01-06,31,31,2024-04-01,56168,56168,allowance-reduced,42126,421.26,due',
    )
    await ok(...M, 'cej', 'statement', '--month', '2025-02', '--out', 'feb.csv')
    expect(readFileSync(join(dir, 'feb.csv'), 'utf8')).toContain('y-ana,ml-a,2025-02,CEJ-2025-01-06,28,28')
    await ok(...M, 'cej', 'statement', '--month', '2025-03', '--out', 'feb.csv')
    writeFileSync(join(dir, 'notes.csv'), 'my notes\n')
    const refused = await parcours(...M, 'cej', 'statement', '--month', '2025-03', '--out', 'notes.csv')
    expect([refused.code, refused.err.trim().split('\n').length]).toEqual([2, 1])
    expect(readFileSync(join(dir, 'notes.csv'), 'utf8')).toBe('my notes\n')
    const counsellor = await parcours(...C, 'cej', 'statement', '--month', '2025-03')
    expect([counsellor.code, counsellor.err]).toEqual([
      1,
      expect.stringContaining('PaymentStatementByManager'),
    ])
  })

  it('bad input gets one clear line and changes nothing', async () => {
    const before = await eventCount()
    const cases: Array<[string[], number, string]> = [
      [[...C, 'cej', 'sanction', ...Y, '--breach', 'b-2', '--on', '2025-04-03'], 1, 'SanctionByManager'],
      [[...M, 'cej', 'sanction', ...Y, '--breach', 'b-2', '--on', '2025-04-03'], 1, 'BreachJustified'],
      [[...M, 'cej', 'sanction', ...Y, '--breach', 'b-9', '--on', '2025-04-03'], 1, 'UnknownBreach'],
      [
        [
          ...C,
          'cej',
          'allowance',
          ...Y,
          '--household',
          'first-bracket',
          '--prime-activite',
          '--on',
          '2025-04-03',
        ],
        1,
        'AllowanceNotCombinable',
      ],
      [
        [
          ...C,
          'cej',
          'declare',
          ...Y,
          '--kind',
          'training',
          '--from',
          '2025-04-07',
          '--to',
          '2025-04-30',
          '--hours',
          '40',
          '--on',
          '2025-04-03',
        ],
        2,
        'Expected a whole number from 1 to 35',
      ],
      [
        [...C, 'cej', 'hearing', ...Y, '--breach', 'b-1', '--outcome', 'maybe', '--on', '2025-04-03'],
        2,
        'Expected one of',
      ],
      [
        [...C, 'cej', 'validate', ...Y, '--activity', 'a-2', '--hours', '10', '--on', '2025-04-03'],
        1,
        'ActivityAlreadyValidated',
      ],
    ]
    for (const [argv, code, message] of cases) {
      const r = await parcours(...argv)
      // One line says what is wrong (a usage error adds commander's hint to --help below it).
      const [first, ...more] = r.err.trim().split('\n')
      expect([argv.join(' '), r.code, first]).toEqual([
        argv.join(' '),
        code,
        expect.stringContaining(message),
      ])
      expect(more).toEqual(code === 2 ? ['(add --help for usage)'] : [])
    }
    expect(await eventCount()).toBe(before)
  })

  it('report shows the share of CEJ weeks under 15 h; alerts the weeks under or heading under 15 h', async () => {
    const report = (
      await ok(...M, 'report', '--mission-locale', 'ml-a', '--at', '2025-04-06', '--lang', 'en')
    ).out
    expect(report).toContain('CEJ weeks under 15 h of activity')
    expect(report).toMatch(/ml-a +│ Whole period +│ +12 │ +4 │ +33\.3%/)
    const french = (await ok(...M, 'report', '--mission-locale', 'ml-a', '--at', '2025-04-06')).out
    expect(french).toMatch(/ml-a +│ Toute la période +│ +12 │ +4 │ +33,3\u00a0%/)
    const json = JSON.parse(
      (await ok(...M, 'report', '--mission-locale', 'ml-a', '--at', '2025-04-06', '--json')).out,
    )
    expect(json.cejWeeks.totals).toEqual([
      { missionLocaleId: 'ml-a', month: 'all', weeks: 12, weeksUnderTarget: 4, shareUnderTarget: 4 / 12 },
    ])
    const alerts = (await ok(...C, 'alerts', '--counsellor', 'c-1', '--at', '2025-02-19')).out
    expect(alerts).toMatch(/CEJ: last week under 15 h: 1\n[\s\S]*y-ana +│ 2025-02-10 │ +4\.0/)
  })
})
