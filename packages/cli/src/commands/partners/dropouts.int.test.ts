import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outreachCaseIdOf } from '@parcours/adapters'
import { outreachStreamName } from '@parcours/domain'
import { inProcessCli } from '../../testing/inProcessCli.js'
import { openSqliteFile } from '../../testing/sqliteFile.js'

// ---------------------------------------------------------------------------------------------
// `parcours partners dropouts import`, `parcours outreach …` and `register --outreach` on a SQLite
// store: a dropout list imported, delivered again, a malformed one; statuses; a registration
// that closes its case.
// ---------------------------------------------------------------------------------------------

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../../adapters/src/partners/dropouts/fixtures/${name}`, import.meta.url))
const cli = inProcessCli('parcours-dropouts-', 'sqlite:store.db')
const { ok, parcours, dir } = cli
const manager = ['--as', 'manager:m-1@ml-rouen']
const counsellor = ['--as', 'counsellor:c-1@ml-rouen']
const case2 = outreachCaseIdOf('siei-2025-03', 'r-002')

beforeAll(() => {
  for (const f of ['siei-2025-03.csv', 'siei-2025-04-malformed.csv']) copyFileSync(fixture(f), join(dir, f))
  writeFileSync(join(dir, 'postcodes.json'), JSON.stringify({ '76': 'ml-rouen', '14': 'ml-caen' }))
})
afterAll(() => cli.remove())

describe('parcours partners dropouts import', () => {
  it('imports a list routed by postcode; a re-delivery writes nothing; a malformed line is refused with its reason', async () => {
    const args = ['partners', 'dropouts', 'import']
    const first = await ok(
      ...manager,
      ...args,
      'siei-2025-03.csv',
      '--mission-locale',
      'ml-rouen',
      '--at',
      '2025-03-20',
    )
    console.log(
      `$ parcours partners dropouts import siei-2025-03.csv --mission-locale ml-rouen\n${first.out}`,
    )
    // Each case opened is named, as everything a command creates.
    expect(first.out.split('\n')).toEqual([
      'Dropout list import of siei-2025-03.csv: 4 rows received, 4 recorded, 0 duplicated, 0 rejected',
      ...Array.from(
        { length: 4 },
        () => expect.stringMatching(/^created outreach case oc-[0-9a-f]+$/) as string,
      ),
      'Totals of dropouts/rows: 4 received, 4 recorded, 0 duplicated, 0 rejected, 0 parked',
      '',
    ])
    expect(new Set(first.out.split('\n').filter((l) => l.startsWith('created '))).size).toBe(4)
    const again = await ok(
      ...manager,
      ...args,
      'siei-2025-03.csv',
      '--mission-locale',
      'ml-rouen',
      '--at',
      '2025-03-21',
    )
    console.log(`$ parcours partners dropouts import siei-2025-03.csv (again)\n${again.out}`)
    expect(again.out).toBe(
      [
        'Dropout list import of siei-2025-03.csv: 4 rows received, 0 recorded, 4 duplicated, 0 rejected',
        'Totals of dropouts/rows: 8 received, 4 recorded, 4 duplicated, 0 rejected, 0 parked',
        '',
      ].join('\n'),
    )
    const bad = await ok(
      ...manager,
      ...args,
      'siei-2025-04-malformed.csv',
      '--mission-locale',
      'ml-rouen',
      '--at',
      '2025-04-02',
    )
    console.log(`$ parcours partners dropouts import siei-2025-04-malformed.csv\n${bad.out}`)
    expect(bad.out.split('\n')).toEqual([
      'Dropout list import of siei-2025-04-malformed.csv: 5 rows received, 2 recorded, 0 duplicated, 3 rejected',
      '  refused line 3 (row r-102): date_naissance: expected a date AAAA-MM-JJ or JJ/MM/AAAA',
      '  refused line 4: expected 13 fields, got 3',
      '  refused line 5 (row r-104): uai: expected a UAI (7 digits and a letter); email: not an email address',
      expect.stringMatching(/^created outreach case oc-[0-9a-f]+$/) as string,
      expect.stringMatching(/^created outreach case oc-[0-9a-f]+$/) as string,
      'Totals of dropouts/rows: 13 received, 6 recorded, 4 duplicated, 3 rejected, 0 parked',
      '',
    ])
    // Routed by the postcode mapping, a manager imports for their own mission locale only.
    const mapped = await parcours(...manager, ...args, 'siei-2025-03.csv', '--postcodes', 'postcodes.json')
    expect([mapped.code, mapped.err]).toEqual([1, expect.stringContaining('by rule OtherMissionLocale')])
    const neither = await parcours(...manager, ...args, 'siei-2025-03.csv')
    expect([neither.code, neither.err]).toEqual([
      2,
      expect.stringContaining('give --mission-locale or --postcodes'),
    ])
  })

  it('lists the open cases with status and age, records statuses, and gives a statistician counts only', async () => {
    await ok(...counsellor, 'outreach', 'status', case2, '--status', 'unreachable', '--on', '2025-03-25')
    const list = JSON.parse(
      (await ok(...counsellor, 'outreach', 'list', '--at', '2025-04-10', '--json')).out,
    ) as Array<{
      caseId: string
      status: string
      ageDays: number
    }>
    expect(list).toHaveLength(6)
    expect(list.find((c) => c.caseId === case2)).toMatchObject({ status: 'unreachable', ageDays: 21 })
    const early = await parcours(
      ...counsellor,
      'outreach',
      'status',
      case2,
      '--status',
      'contacted-followed',
      '--on',
      '2025-03-24',
    )
    expect([early.code, early.err]).toEqual([1, expect.stringContaining('before the case')])
    const alerts = await ok(...counsellor, 'alerts', '--counsellor', 'c-1', '--at', '2025-04-10')
    expect(alerts.out).toContain('Open outreach cases (dropout lists): 6')
    const counts = JSON.parse(
      (await ok('--as', 'statistician:s-1', 'outreach', 'list', '--counts', '--json')).out,
    ) as {
      open: Record<string, number>
    }
    expect(counts.open).toMatchObject({ 'not-contacted': 5, unreachable: 1 })
    const denied = await parcours(
      '--as',
      'statistician:s-1',
      'outreach',
      'list',
      '--mission-locale',
      'ml-rouen',
    )
    expect([denied.code, denied.err]).toEqual([1, expect.stringContaining('by rule AggregatesOnly')])
  })

  it('registers the young person from the case (identity prefilled) and closes it with a link to the journey', async () => {
    const reg = [
      'register',
      '--youth',
      'y-1',
      '--mission-locale',
      'ml-rouen',
      '--counsellor',
      'c-1',
      '--on',
      '2025-04-11',
    ]
    const first = await ok(...counsellor, ...reg, '--outreach', case2, '--command-id', 'reg-1')
    expect(first.out).toBe(
      `RegisterYouth y-1 (command reg-1): YouthRegistered@0, FollowUpScheduled@1\ncreated journey y-1\ncreated follow-up fu-1\nOutreachCaseClosed ${case2}: linked to journey y-1\n`,
    )
    const again = await ok(...counsellor, ...reg, '--outreach', case2, '--command-id', 'reg-1')
    expect(again.out).toContain('nothing new written')
    const shown = await ok('--as', 'manager:m-1@ml-rouen', 'show', '--youth', 'y-1', '--json')
    expect(shown.out).toContain('Benali')
    expect(shown.out).toContain('2007-09-30')
    const list = JSON.parse(
      (await ok(...counsellor, 'outreach', 'list', '--at', '2025-04-11', '--json')).out,
    ) as unknown[]
    expect(list).toHaveLength(5)
    const status = await parcours(
      ...counsellor,
      'outreach',
      'status',
      case2,
      '--status',
      'unreachable',
      '--on',
      '2025-04-12',
    )
    expect([status.code, status.err]).toEqual([1, expect.stringContaining('is closed (registered)')])
    const log = JSON.parse((await ok('--as', 'manager:m-1@ml-rouen', 'access-log', '--json')).out) as {
      entries: Array<{ youthId: string; purpose: string }>
    }
    expect(log.entries.map((e) => [e.youthId, e.purpose])).toContainEqual([case2, 'outreach-registration'])
  })

  it('parks a row whose case cannot be recorded, lists it sealed, and a retry records it once the fault is gone', async () => {
    const csv = readFileSync(join(dir, 'siei-2025-03.csv'), 'utf8').split('\n')
    const list = [csv[0], ...csv.slice(1, 3).map((l) => l.replace('siei-2025-03', 'siei-2025-05')), ''].join(
      '\n',
    )
    writeFileSync(join(dir, 'siei-2025-05.csv'), list)
    const failing = outreachCaseIdOf('siei-2025-05', 'r-002')
    // The store refuses the row's case until the trigger is dropped.
    const db = new openSqliteFile(join(dir, 'store.db.outreach'))
    db.prepare(
      `CREATE TRIGGER refuse_r002 BEFORE INSERT ON events WHEN NEW.stream_name = '${outreachStreamName(failing)}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    ).run()
    const args = ['partners', 'dropouts', 'import', 'siei-2025-05.csv', '--mission-locale', 'ml-rouen']
    const parked = await ok(...manager, ...args, '--at', '2025-05-02', '--tries', '2')
    console.log(
      `$ parcours partners dropouts import siei-2025-05.csv --tries 2 (store failing)\n${parked.out}`,
    )
    const parkedLine = `  parked after 2 tries line 3 (dropouts/rows siei-2025-05/r-002): `
    expect(parked.out).toMatch(
      new RegExp(
        `^Dropout list import of siei-2025-05.csv: 2 rows received, 1 recorded, 0 duplicated, 0 rejected\n${parkedLine.replace(/[()/]/g, '\\$&')}.*disk full.*\ncreated outreach case oc-[0-9a-f]+\nTotals of dropouts/rows: 15 received, 7 recorded, 4 duplicated, 3 rejected, 1 parked\n$`,
      ),
    )
    const failures = await ok('--as', 'operator:o-1', 'partners', 'failures', '--flow', 'dropouts/rows')
    console.log(`$ parcours partners failures --flow dropouts/rows\n${failures.out}`)
    expect(failures.out).toContain(
      'dropouts/rows: 15 received, 7 recorded, 4 duplicated, 3 rejected, 1 parked\n',
    )
    expect(failures.out).toContain(`1 message(s) waiting (parcours partners retry)\n${parkedLine}`)
    // What the inbox keeps of the row is sealed: no name, birth date or address in clear.
    const json = (await ok('--as', 'operator:o-1', 'partners', 'failures', '--json')).out
    for (const clear of ['Benali', 'Yanis', '2007-09-30', 'avenue de Caen', '76100'])
      expect(json).not.toContain(clear)

    db.prepare('DROP TRIGGER refuse_r002').run()
    db.close()
    const retried = await ok('--as', 'operator:o-1', 'partners', 'retry', '--flow', 'dropouts/rows')
    console.log(`$ parcours partners retry --flow dropouts/rows\n${retried.out}`)
    expect(retried.out).toBe(
      'Retry of dropouts/rows: 1 message(s); 1 recorded, 0 duplicated, 0 still refused, 0 still parked\n',
    )
    const again = await ok(...manager, ...args, '--at', '2025-05-03')
    expect(again.out).toBe(
      [
        'Dropout list import of siei-2025-05.csv: 2 rows received, 0 recorded, 2 duplicated, 0 rejected',
        'Totals of dropouts/rows: 17 received, 8 recorded, 6 duplicated, 3 rejected, 1 parked',
        '',
      ].join('\n'),
    )
    const open = JSON.parse(
      (await ok(...counsellor, 'outreach', 'list', '--at', '2025-05-03', '--json')).out,
    ) as Array<{
      caseId: string
    }>
    expect(open.map((c) => c.caseId)).toContain(failing)
    const none = await ok('--as', 'operator:o-1', 'partners', 'failures', '--flow', 'dropouts/rows')
    expect(none.out).toContain('0 message(s) waiting')
  })
})
