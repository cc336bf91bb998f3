import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dashboard, Worklist } from '@parcours/projections'
import { inProcessCli } from './testing/inProcessCli.js'

// Tenant isolation through the CLI: every command asked on behalf of one mission locale sees only
// the journeys it holds. Run in-process on a SQLite store in a temporary folder.

const { parcours, ok, remove } = inProcessCli('parcours-tenants-', 'sqlite:tenants.db')
afterAll(remove)

// ml-a holds y-a1; ml-b holds y-b1 and y-b2; y-t was registered by ml-a, then transferred to ml-b.
// Counsellor ids are only unique within a mission locale: both have a `c-1`.
const B_YOUTHS = ['y-b1', 'y-b2', 'y-t']
const B_NAMES = ['Anatole', 'Brisebois', 'Théodora', 'Vasseur']
const at = '2025-06-01'

beforeAll(async () => {
  const journey = (youth: string, ml: string) => ['--youth', youth, '--mission-locale', ml]
  await ok(
    'register',
    ...journey('y-a1', 'ml-a'),
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
    'offer',
    ...journey('y-a1', 'ml-a'),
    '--proposal',
    'p-1',
    '--theme',
    'training',
    '--respond-by',
    '2025-02-01',
    '--on',
    '2025-01-10',
  )
  await ok(
    'register',
    ...journey('y-b1', 'ml-b'),
    '--counsellor',
    'c-1',
    '--birth-date',
    '2003-02-11',
    '--on',
    '2025-01-07',
    '--first-name',
    'Anatole',
    '--last-name',
    'Brisebois',
  )
  await ok(
    'offer',
    ...journey('y-b1', 'ml-b'),
    '--proposal',
    'p-1',
    '--theme',
    'housing',
    '--respond-by',
    '2025-02-01',
    '--on',
    '2025-01-10',
  )
  await ok(
    'register',
    ...journey('y-b2', 'ml-b'),
    '--counsellor',
    'c-2',
    '--birth-date',
    '2006-08-30',
    '--on',
    '2025-01-08',
  )
  await ok(
    'register',
    ...journey('y-t', 'ml-a'),
    '--counsellor',
    'c-1',
    '--birth-date',
    '2005-03-03',
    '--on',
    '2025-01-09',
    '--first-name',
    'Théodora',
    '--last-name',
    'Vasseur',
  )
  await ok(
    'offer',
    ...journey('y-t', 'ml-a'),
    '--proposal',
    'p-1',
    '--theme',
    'employment',
    '--respond-by',
    '2025-02-01',
    '--on',
    '2025-01-10',
  )
  await ok('transfer', ...journey('y-t', 'ml-a'), '--to', 'ml-b', '--counsellor', 'c-1', '--on', '2025-03-01')
})

describe('tenant isolation through the CLI', () => {
  it("`show` refuses another mission locale's journey, and a journey transferred away", async () => {
    for (const youth of ['y-b1', 'y-t']) {
      const r = await parcours('show', '--youth', youth, '--mission-locale', 'ml-a', '--json')
      expect(r.code, youth).toBe(1)
      expect(r.out, youth).toBe('')
      expect(r.err, youth).toContain(`by rule OtherMissionLocale: journey ${youth} is not held by ml-a`)
      for (const name of B_NAMES) expect(r.out + r.err).not.toContain(name)
    }
    const own = JSON.parse(
      (await ok('show', '--youth', 'y-t', '--mission-locale', 'ml-b', '--json')).out,
    ) as { youthId: string; missionLocaleId: string }
    expect([own.youthId, own.missionLocaleId]).toEqual(['y-t', 'ml-b'])
  })

  it("`alerts` for ml-a's c-1 lists none of ml-b's young people (ml-b's c-1 sees them)", async () => {
    const a = JSON.parse(
      (await ok('alerts', '--counsellor', 'c-1', '--mission-locale', 'ml-a', '--at', at, '--json')).out,
    ) as Worklist
    const youthsIn = (w: Worklist) =>
      [
        ...new Set(
          [
            ...w.overdueFollowUps,
            ...w.followUpsDueSoon,
            ...w.proposalsPastRespondBy,
            ...w.programmesEnding,
            ...w.ageLimitsNear,
          ].map((x) => x.youthId),
        ),
      ].sort()
    expect(youthsIn(a)).toEqual(['y-a1'])
    expect(a.proposalsPastRespondBy.map((p) => p.youthId)).toEqual(['y-a1'])
    const table = await ok('alerts', '--counsellor', 'c-1', '--mission-locale', 'ml-a', '--at', at)
    for (const youth of B_YOUTHS) expect(table.out).not.toContain(youth)
    const b = JSON.parse(
      (await ok('alerts', '--counsellor', 'c-1', '--mission-locale', 'ml-b', '--at', at, '--json')).out,
    ) as Worklist
    expect(youthsIn(b)).toEqual(['y-b1', 'y-t'])
  })

  it('`report --mission-locale ml-a --json` holds only ml-a, counts only', async () => {
    const r = await ok('report', '--mission-locale', 'ml-a', '--json')
    const d = JSON.parse(r.out) as Dashboard
    expect(d.missionLocaleId).toBe('ml-a')
    expect(d.missionLocales.map((m) => m.missionLocaleId)).toEqual(['ml-a'])
    expect(d.totals.firstReceptions).toBe(2)
    expect(d.totals.transfers).toEqual({ in: 0, out: 1 })
    expect(d.totals.accompanied).toBe(1)
    expect(r.out).not.toContain('ml-b')
    expect(r.out).not.toMatch(/"y-|youthId/)
    const csv = await ok('report', '--mission-locale', 'ml-a', '--csv')
    expect(csv.out).not.toMatch(/ml-b|y-/)
  })

  it('the national report holds counts only, no young person', async () => {
    const r = await ok('report', '--json')
    const d = JSON.parse(r.out) as Dashboard
    expect(d.missionLocales.map((m) => m.missionLocaleId)).toEqual(['ml-a', 'ml-b'])
    expect(d.totals.firstReceptions).toBe(4)
    expect(r.out).not.toMatch(/"y-|youthId/)
  })

  it("`erase` from ml-a cannot shred ml-b's young person", async () => {
    const r = await parcours('erase', '--youth', 'y-b1', '--mission-locale', 'ml-a', '--on', '2025-06-01')
    expect(r.code).toBe(1)
    expect(r.err).toContain('access denied to manager:m-test@ml-a by rule OtherMissionLocale')
    const shown = JSON.parse(
      (await ok('show', '--youth', 'y-b1', '--mission-locale', 'ml-b', '--json')).out,
    ) as { erased: boolean; identity: unknown }
    expect(shown.erased).toBe(false)
    expect(shown.identity).toEqual(expect.objectContaining({ firstName: 'Anatole', lastName: 'Brisebois' }))
  })
})
