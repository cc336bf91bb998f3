import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inProcessCli } from '../testing/inProcessCli.js'

// Every command run in-process, on a SQLite store in a temporary folder.
const cli = inProcessCli('parcours-cli-', 'sqlite:journeys.db', ['--log-level', 'trace'])
const { dir, parcours, stderr: logs } = cli
afterAll(cli.remove)

const ok = async (...argv: string[]) => {
  const r = await parcours(...argv)
  expect(
    r.err.split('\n').filter((l) => l.startsWith('parcours:')),
    argv.join(' '),
  ).toEqual([])
  expect(r.code, `${argv.join(' ')}\n${r.err}`).toBe(0)
  return r
}
const A = ['--youth', 'y-a', '--mission-locale', 'ml-a']
const B = ['--youth', 'y-b', '--mission-locale', 'ml-b']
const storedEvents = async () => (JSON.parse((await ok('verify', '--json')).out) as { events: number }).events
const SECRETS = ['Zéphyrine', 'Quellec', 'boulangerie', 'Anatole', 'Brisebois', 'étranger']

describe('journey commands on SQLite', () => {
  it('runs a whole journey through every command', async () => {
    await ok(
      'register',
      ...A,
      '--counsellor',
      'c-1',
      '--birth-date',
      '2004-05-10',
      '--on',
      '2025-01-06',
      '--first-name',
      'Zéphyrine',
      '--last-name',
      'Quellec',
    )
    await ok(
      'register',
      ...B,
      '--counsellor',
      'c-b1',
      '--birth-date',
      '2001-11-20',
      '--on',
      '2025-01-08',
      '--first-name',
      'Anatole',
      '--last-name',
      'Brisebois',
      '--rqth',
    )
    await ok(
      'request',
      ...A,
      '--request',
      'r-1',
      '--theme',
      'housing',
      '--comment',
      'Zéphyrine cherche un logement',
      '--on',
      '2025-01-06',
    )
    await ok('diagnostic', ...A, '--comment', 'Projet boulangerie', '--on', '2025-01-10')
    await ok('programme', 'enter', ...A, '--programme', 'CEJ', '--until', '2025-12-10', '--on', '2025-01-10')
    await ok(
      'offer',
      ...A,
      '--proposal',
      'p-1',
      '--theme',
      'training',
      '--respond-by',
      '2025-02-01',
      '--on',
      '2025-01-15',
    )
    await ok('accept', ...A, '--proposal', 'p-1', '--on', '2025-01-20')
    await ok(
      'training',
      'start',
      ...A,
      '--training',
      't-1',
      '--proposal',
      'p-1',
      '--qualifying',
      '--until',
      '2025-06-30',
      '--on',
      '2025-02-01',
    )
    await ok('outcome', ...A, '--proposal', 'p-1', '--outcome', 'carried-out', '--on', '2025-02-01')
    await ok(
      'follow-up',
      'schedule',
      ...A,
      '--follow-up',
      'f-x',
      '--due',
      '2025-02-15',
      '--kind',
      'phone-or-video-call',
      '--on',
      '2025-02-01',
    )
    await ok(
      'follow-up',
      'reschedule',
      ...A,
      '--follow-up',
      'f-x',
      '--due',
      '2025-02-20',
      '--on',
      '2025-02-10',
    )
    await ok(
      'follow-up',
      'keep',
      ...A,
      '--follow-up',
      'f-x',
      '--comment',
      'Zéphyrine motivée',
      '--on',
      '2025-02-20',
    )
    await ok('follow-up', 'schedule', ...A, '--follow-up', 'f-y', '--due', '2025-03-01', '--on', '2025-02-20')
    await ok('follow-up', 'miss', ...A, '--follow-up', 'f-y', '--on', '2025-03-01')
    await ok('follow-up', 'schedule', ...A, '--follow-up', 'f-z', '--due', '2025-03-10', '--on', '2025-03-01')
    await ok('follow-up', 'cancel', ...A, '--follow-up', 'f-z', '--on', '2025-03-05')
    await ok('training', 'end', ...A, '--training', 't-1', '--result', 'completed', '--on', '2025-06-30')
    await ok(
      'employment',
      'start',
      ...A,
      '--employment',
      'e-1',
      '--contract',
      'CDD',
      '--months',
      '3',
      '--on',
      '2025-07-01',
    )
    await ok('employment', 'end', ...A, '--employment', 'e-1', '--on', '2025-09-30')
    await ok('programme', 'extend', ...A, '--until', '2026-03-10', '--on', '2025-09-01')
    await ok('programme', 'exit', ...A, '--reason', 'completed', '--on', '2025-10-01')
    await ok('close', ...A, '--reason', 'other', '--comment', "Part à l'étranger", '--on', '2025-10-02')
    await ok('reopen', ...A, '--counsellor', 'c-2', '--on', '2025-11-01')
    await ok('assign', ...A, '--counsellor', 'c-3', '--on', '2025-11-02')
    await ok(
      'register',
      '--youth',
      'y-c',
      '--mission-locale',
      'ml-a',
      '--counsellor',
      'c-1',
      '--birth-date',
      '2003-01-01',
      '--on',
      '2025-02-01',
    )
    await ok(
      'transfer',
      '--youth',
      'y-c',
      '--mission-locale',
      'ml-a',
      '--to',
      'ml-b',
      '--counsellor',
      'c-b2',
      '--on',
      '2025-03-01',
    )

    const tick = JSON.parse((await ok('tick', '--at', '2026-01-15', '--json')).out) as {
      openJourneys: number
      events: Record<string, number>
    }
    expect(tick.openJourneys).toBe(3)
    expect(tick.events['FollowUpDue']).toBeGreaterThanOrEqual(3)
    const again = JSON.parse((await ok('tick', '--at', '2026-01-15', '--json')).out) as {
      journeysChanged: number
    }
    expect(again.journeysChanged).toBe(0)

    const shown = JSON.parse((await ok('show', ...A, '--json')).out) as {
      identity: Record<string, string>
      items: Array<{ type: string; details: Record<string, unknown> }>
    }
    expect(shown.identity).toEqual({ firstName: 'Zéphyrine', lastName: 'Quellec', birthDate: '2004-05-10' })
    expect(
      shown.items.find((i) => i.type === 'FollowUpKept' && i.details['followUpId'] === 'f-x')?.details[
        'comment'
      ],
    ).toEqual({ comment: 'Zéphyrine motivée' })
    expect(shown.items.map((i) => i.type)).toContain('JourneyReopened')
    const text = await ok('show', ...A)
    expect(text.out).toContain('Zéphyrine')
    expect(text.out).toContain('ml-a')
  })

  it('keeps each mission locale to its own journeys', async () => {
    const elsewhere = await parcours('show', '--youth', 'y-a', '--mission-locale', 'ml-b')
    expect([elsewhere.code, elsewhere.err]).toEqual([
      1,
      expect.stringContaining('by rule OtherMissionLocale: journey y-a is not held by ml-b'),
    ])
    const transferred = await parcours('show', '--youth', 'y-c', '--mission-locale', 'ml-a')
    expect(transferred.code).toBe(1)
    // A year on, every planned appointment is past: each worklist lists its own young person overdue.
    const alertsA = JSON.parse(
      (await ok('alerts', '--counsellor', 'c-3', '--mission-locale', 'ml-a', '--at', '2027-01-15', '--json'))
        .out,
    ) as Record<string, unknown>
    const alertsB = JSON.parse(
      (await ok('alerts', '--counsellor', 'c-b1', '--mission-locale', 'ml-b', '--at', '2027-01-15', '--json'))
        .out,
    ) as Record<string, unknown>
    const youthsIn = (w: Record<string, unknown>) =>
      new Set(
        Object.values(w).flatMap((v) =>
          Array.isArray(v) ? v.map((a: { youthId: string }) => a.youthId) : [],
        ),
      )
    expect([...youthsIn(alertsA)]).toEqual(['y-a'])
    expect([...youthsIn(alertsB)]).toEqual(['y-b'])
    const reportB = JSON.parse((await ok('report', '--mission-locale', 'ml-b', '--json')).out) as {
      totals: { firstReceptions: number; transfers: { in: number } }
    }
    expect(reportB.totals.firstReceptions).toBe(1)
    expect(reportB.totals.transfers.in).toBe(1)
  })

  it('writes nothing when a command fails, and nothing twice when it is retried', async () => {
    const before = await storedEvents()
    const unknownProposal = await parcours(
      'outcome',
      ...B,
      '--proposal',
      'p-404',
      '--outcome',
      'expired',
      '--on',
      '2025-03-01',
    )
    expect([unknownProposal.code, unknownProposal.err]).toEqual([
      1,
      expect.stringContaining('UnknownProposal'),
    ])
    const tooYoung = await parcours(
      'register',
      '--youth',
      'y-kid',
      '--mission-locale',
      'ml-a',
      '--counsellor',
      'c-1',
      '--birth-date',
      '2010-01-01',
      '--on',
      '2025-03-01',
      '--first-name',
      'Kid',
      '--last-name',
      'Nobody',
    )
    expect(tooYoung.code).toBe(1)
    expect(await storedEvents()).toBe(before)
    expect(readFileSync(join(dir, 'journeys.db.keys')).includes('y-kid')).toBe(false)
    const offer = [
      'offer',
      ...B,
      '--proposal',
      'p-9',
      '--theme',
      'housing',
      '--respond-by',
      '2025-04-01',
      '--on',
      '2025-03-02',
      '--command-id',
      'cmd-offer-9',
    ]
    await ok(...offer)
    const retried = await ok(...offer)
    expect(retried.out).toContain('already handled')
    expect(await storedEvents()).toBe(before + 1)
  })

  it('reports as a table, JSON, CSV and HTML, with pseudonymous ids only', async () => {
    const table = await ok('report')
    expect(table.out).toContain('Premiers accueils')
    expect((await ok('report', '--lang', 'en')).out).toContain('First receptions')
    const csv = (await ok('report', '--csv')).out.split('\n')
    expect(csv[0]).toMatch(/^scope,month,first_receptions/)
    expect(csv.some((l) => l.startsWith('ml-b,total,1,'))).toBe(true)
    await ok('report', '--html', 'report.html', '--from', '2025-01', '--to', '2025-12')
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(html).toContain('<svg ')
    const both = await parcours('report', '--json', '--csv')
    expect(both.code).toBe(2)
    const backwards = await parcours('report', '--from', '2025-06', '--to', '2025-01')
    expect([backwards.code, backwards.err]).toEqual([2, expect.stringContaining('--from')])
    for (const s of SECRETS) expect(html + table.out + csv.join('\n')).not.toContain(s)
  })

  it('reports in a language, against a targets file, and as CSV for a French spreadsheet; refuses bad options', async () => {
    writeFileSync(join(dir, 'targets.json'), '{ "positiveExitRate": 44, "medianDaysToFirstProposal": 30 }')
    await ok('report', '--html', 'targets.html', '--targets', 'targets.json', '--lang', 'en')
    const html = readFileSync(join(dir, 'targets.html'), 'utf8')
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Target: at least 44.0%')
    expect(html).not.toContain(dir)
    await ok('report', '--csv', 'excel.csv', '--excel-fr')
    const csv = readFileSync(join(dir, 'excel.csv'), 'utf8')
    expect(csv.startsWith('\uFEFFscope;month;first_receptions;')).toBe(true)
    // a previous report in that format is replaced without --force
    await ok('report', '--csv', 'excel.csv', '--csv-sep', 'tab')
    expect(readFileSync(join(dir, 'excel.csv'), 'utf8').startsWith('scope\tmonth\t')).toBe(true)
    writeFileSync(join(dir, 'bad-targets.json'), '{ "positiveExitRate": 140 }')
    for (const [args, message] of [
      [['--html', 'bad.html', '--targets', 'bad-targets.json'], '"positiveExitRate" is a rate in percent'],
      [
        ['--html', 'bad.html', '--targets', 'missing.json'],
        '--targets missing.json: cannot read it (ENOENT)',
      ],
      [['--html', 'bad.html', '--targets', 'targets.json', '--lang', 'de'], 'Expected one of: fr, en.'],
      [['--excel-fr'], 'give --csv too'],
      [['--targets', 'targets.json'], 'give --html too'],
      [['--csv', '--csv-sep', '|'], "Expected ',', ';' or 'tab'."],
    ] as const) {
      const r = await parcours('report', ...args)
      expect([r.code, r.err.trim().split('\n')[0]]).toEqual([2, expect.stringContaining(message)])
    }
    expect(existsSync(join(dir, 'bad.html'))).toBe(false)
  })

  it('projects, rebuilds and verifies', async () => {
    expect((await ok('project')).out).toContain('Read models up to date')
    const rebuilt = await ok('rebuild')
    expect(rebuilt.out).toMatch(/Read models rebuilt: \d+ events applied.*rebuilt from zero/)
    expect((await ok('verify')).out).toMatch(/^\d+ events in 3 streams decode\.\n$/)
  })

  it('keeps names and comments out of the store files and the logs', () => {
    const files = ['journeys.db', 'journeys.db-wal', 'journeys.db.projections', 'journeys.db.projections-wal']
      .map((f) => join(dir, f))
      .filter(existsSync)
    expect(files.length).toBeGreaterThan(1)
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)))
    for (const s of SECRETS) {
      expect(bytes.includes(Buffer.from(s, 'utf8')), s).toBe(false)
      expect(logs.join('\n'), s).not.toContain(s)
    }
    expect(logs.join('\n')).toContain('command handled')
  })

  it('erases personal data: show says so, indicators are unchanged, erasure is idempotent', async () => {
    const before = (await ok('report', '--json')).out
    const erased = await ok('erase', ...A, '--on', '2026-01-20', '--yes')
    expect(erased.out).toContain('Personal data of y-a erased')
    const shown = await ok('show', ...A)
    expect(shown.out).toContain('personal data erased')
    expect(shown.out).not.toContain('Zéphyrine')
    expect(JSON.parse((await ok('show', ...B, '--json')).out).identity.firstName).toBe('Anatole')
    expect((await ok('report', '--json')).out).toBe(before)
    expect((await ok('erase', ...A, '--on', '2026-01-21', '--yes')).out).toContain('already erased')
    const refused = await parcours('erase', '--youth', 'y-b', '--mission-locale', 'ml-a')
    expect([refused.code, refused.err]).toEqual([1, expect.stringContaining('by rule OtherMissionLocale')])
  })

  it('lists and erases the young people past retention', async () => {
    const dry = await ok('retention', '--at', '2028-01-01', '--dry-run', '--json')
    const listed = JSON.parse(dry.out) as { erased: Array<{ youthId: string }> }
    expect(listed.erased.map((e) => e.youthId)).toEqual([])
    const far = JSON.parse((await ok('retention', '--at', '2060-01-01', '--dry-run', '--json')).out) as {
      erased: Array<{ youthId: string }>
    }
    expect(far.erased.map((e) => e.youthId).sort()).toEqual(['y-b', 'y-c'])
    const done = await ok('retention', '--at', '2060-01-01')
    expect(done.out).toContain('2 young people erased')
    expect((await ok('show', ...B)).out).toContain('personal data erased')
  })

  it('answers a retried command after erasure, and refuses new personal data for an erased person', async () => {
    const R = ['--youth', 'y-r', '--mission-locale', 'ml-a']
    const registerR = [
      'register',
      ...R,
      '--counsellor',
      'c-1',
      '--birth-date',
      '2005-01-01',
      '--on',
      '2025-04-01',
      '--first-name',
      'Zéphyrine',
      '--last-name',
      'Quellec',
      '--command-id',
      'reg-r',
    ]
    await ok(...registerR)
    await ok('erase', ...R, '--on', '2025-05-01', '--yes')
    const before = await storedEvents()
    const retried = await ok(...registerR)
    expect(retried.out).toContain('already handled')
    const comment = await parcours(
      'follow-up',
      'keep',
      ...R,
      '--follow-up',
      'fu-1',
      '--comment',
      'Zéphyrine est venue',
      '--on',
      '2025-05-02',
    )
    expect([comment.code, comment.err]).toEqual([
      1,
      expect.stringContaining('refused by rule AgeLimitsErased'),
    ])
    expect(comment.err).toContain('age limits')
    expect(await storedEvents()).toBe(before)
  })
})
