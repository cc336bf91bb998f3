import { afterAll, describe, expect, it } from 'vitest'
import { commandIndex } from './commands/index.js'
import { inProcessCli } from './testing/inProcessCli.js'

// The CLI in-process on the memory store: no file is written in its folder.
const { parcours, remove } = inProcessCli('parcours-main-', 'memory')
afterAll(remove)

const REGISTER = [
  'register',
  '--youth',
  'y-1',
  '--mission-locale',
  'ml-a',
  '--counsellor',
  'c-1',
  '--on',
  '2025-03-01',
]

describe('parcours program', () => {
  it('prints its version and help, listing every command', async () => {
    const version = await parcours('--version')
    expect(version.code).toBe(0)
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/)
    const help = await parcours('--help')
    expect(help.code).toBe(0)
    for (const { name, replacedBy } of commandIndex)
      if (replacedBy === undefined) expect(help.out).toContain(`  ${name} `)
      else expect(help.out).not.toContain(name)
    expect(help.out).toContain('--store <spec>')
  })

  it('has --help on every command and subcommand', async () => {
    for (const { name } of commandIndex) {
      const r = await parcours(name, '--help')
      expect(r.code, name).toBe(0)
      expect(r.out, name).toContain(`Usage: parcours ${name}`)
    }
    for (const [group, subs] of [
      ['programme', ['enter', 'extend', 'exit', 'phase start', 'phase end']],
      ['situation', ['start', 'end', 'renew']],
      ['follow-up', ['schedule', 'reschedule', 'keep', 'miss', 'cancel']],
      ['training', ['start', 'end']],
      ['employment', ['start', 'end']],
    ] as const)
      for (const sub of subs) {
        const r = await parcours(group, ...sub.split(' '), '--help')
        expect(r.code).toBe(0)
        expect(r.out).toContain(`Usage: parcours ${group} ${sub}`)
      }
  })

  it("says a date defaults to 'today' in help, not the date the help was printed", async () => {
    for (const argv of [['offer'], ['alerts'], ['erase'], ['follow-up', 'keep']]) {
      const r = await parcours(...argv, '--help')
      expect(r.out, argv.join(' ')).toMatch(/\(YYYY-MM-DD\)\s+\(default:\s+today\)/)
      expect(r.out, argv.join(' ')).not.toMatch(/default: "\d{4}-/)
    }
  })

  it('exits 2 on usage errors, naming the flag and what it expects', async () => {
    const none = await parcours()
    expect(none.code).toBe(2)
    const unknownCommand = await parcours('enrol')
    expect([unknownCommand.code, unknownCommand.err]).toEqual([
      2,
      expect.stringContaining("unknown command 'enrol'"),
    ])
    const unknownFlag = await parcours(...REGISTER, '--birth-date', '2005-01-01', '--colour', 'blue')
    expect([unknownFlag.code, unknownFlag.err]).toEqual([
      2,
      expect.stringContaining("unknown option '--colour'"),
    ])
    const badDate = await parcours(...REGISTER, '--birth-date', '2005-02-30')
    expect(badDate.code).toBe(2)
    expect(badDate.err).toMatch(/--birth-date.*'2005-02-30'.*YYYY-MM-DD/)
    const missing = await parcours(
      'register',
      '--youth',
      'y-1',
      '--mission-locale',
      'ml-a',
      '--on',
      '2025-03-01',
      '--birth-date',
      '2005-01-01',
    )
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('--counsellor')])
    const badEnum = await parcours(
      'outcome',
      '--youth',
      'y-1',
      '--mission-locale',
      'ml-a',
      '--proposal',
      'p-1',
      '--outcome',
      'done',
    )
    expect(badEnum.code).toBe(2)
    expect(badEnum.err).toMatch(/--outcome.*carried-out, refused-by-youth, refused-by-third-party, expired/)
    const badStore = await parcours('--store', 'mysql://x', 'verify')
    expect([badStore.code, badStore.err]).toEqual([2, expect.stringContaining('--store')])
    const halfName = await parcours(...REGISTER, '--birth-date', '2005-01-01', '--first-name', 'Ana')
    expect([halfName.code, halfName.err]).toEqual([
      2,
      expect.stringContaining('--first-name and --last-name'),
    ])
    const stray = await parcours('verify', 'extra')
    expect(stray.code).toBe(2)
  })

  it('exits 2 when a group of commands is given no subcommand, and 0 when help is asked for', async () => {
    for (const group of ['follow-up', 'programme', 'situation', 'programme phase']) {
      const r = await parcours(...group.split(' '))
      expect(r.code, group).toBe(2)
      expect(r.err, group).toContain(`Usage: parcours ${group}`)
    }
    expect((await parcours('help', 'follow-up')).code).toBe(0)
    expect((await parcours('help')).code).toBe(0)
  })

  it('refuses an --html file in a missing folder before any work (exit 2)', async () => {
    const demo = await parcours(
      'demo',
      '--youths',
      '5',
      '--months',
      '1',
      '--html',
      '/nonexistent-parcours-dir/r.html',
    )
    expect([demo.code, demo.err]).toEqual([
      2,
      expect.stringContaining('--html: folder /nonexistent-parcours-dir does not exist'),
    ])
    expect(demo.out).toBe('')
    const report = await parcours('report', '--html', '/nonexistent-parcours-dir/r.html')
    expect([report.code, report.err]).toEqual([
      2,
      expect.stringContaining('--html: folder /nonexistent-parcours-dir does not exist'),
    ])
  })

  it('refuses project --follow on the memory store, where no event could ever arrive (exit 2)', async () => {
    const r = await parcours('project', '--follow')
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('--follow')])
  }, 10_000)

  it('exits 1 when a rule refuses, naming the rule', async () => {
    const young = await parcours(...REGISTER, '--birth-date', '2009-03-02')
    expect(young.code).toBe(1)
    expect(young.err).toContain('NotEligible')
    expect(young.err).toContain('aged 15')
    const unregistered = await parcours(
      'offer',
      '--youth',
      'y-9',
      '--mission-locale',
      'ml-a',
      '--theme',
      'housing',
      '--respond-by',
      '2025-04-01',
      '--on',
      '2025-03-01',
    )
    // A journey that does not exist is answered as another mission locale's: no existence oracle.
    expect([unregistered.code, unregistered.err]).toEqual([
      1,
      expect.stringContaining('by rule OtherMissionLocale'),
    ])
  })

  it('exits 3 when the store is not there, and creates nothing', async () => {
    const r = await parcours('--store', 'sqlite:/nonexistent-parcours-dir/p.db', 'verify')
    expect([r.code, r.err]).toEqual([
      3,
      expect.stringContaining('no store at /nonexistent-parcours-dir/p.db'),
    ])
  })

  it('registers a young person and prints the events as JSON', async () => {
    const r = await parcours(
      ...REGISTER,
      '--birth-date',
      '2005-01-01',
      '--first-name',
      'Ana',
      '--last-name',
      'Lopez',
      '--json',
    )
    expect(r.code).toBe(0)
    const printed = JSON.parse(r.out) as { commandId: string; events: Array<{ type: string }> }
    expect(printed.commandId).toMatch(/^cli-/)
    expect(printed.events.map((e) => e.type)).toEqual(['YouthRegistered', 'FollowUpScheduled'])
    expect(r.out + r.err).not.toContain('Ana')
  })
})

describe('parcours demo on the memory store', () => {
  const demo = (seed: number) =>
    parcours(
      'demo',
      '--youths',
      '40',
      '--months',
      '3',
      '--missions',
      '2',
      '--seed',
      String(seed),
      '--json',
      '--no-html',
    )

  it('prints the same dashboard for the same seed, another for another seed', async () => {
    const [a, b, c] = [await demo(5), await demo(5), await demo(6)]
    expect(a.code).toBe(0)
    const dashboard = JSON.parse(a.out) as { totals: { firstReceptions: number }; missionLocales: unknown[] }
    expect(dashboard.totals.firstReceptions).toBe(40)
    expect(dashboard.missionLocales).toHaveLength(2)
    expect(b.out).toBe(a.out)
    expect(c.out).not.toBe(a.out)
  })

  it('takes up to a national year of young people, and refuses more or none', async () => {
    for (const youths of ['0', '1000001', '2.5'])
      expect(await parcours('demo', '--youths', youths, '--no-html')).toMatchObject({
        code: 2,
        err: expect.stringContaining('Expected a whole number from 1 to 1000000'),
      })
  })

  it('refuses --reset on a store that is not SQLite', async () => {
    const r = await parcours('demo', '--youths', '5', '--reset', '--no-html')
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('--reset')])
  })
})
