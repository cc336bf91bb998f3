import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { bufferIo } from '../cli/io.js'
import { run } from '../main.js'

// A store written by the previous version (fixtures/v2: age limits in clear), brought forward.
const fixtures = fileURLToPath(new URL('../store/fixtures/v2/', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'parcours-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
for (const f of ['store.db', 'store.db.keys', 'store.db.projections'])
  copyFileSync(join(fixtures, f), join(dir, f))

const parcours = async (...argv: string[]) => {
  // The operator brings the store forward; the counsellor of ml-a reads and acts on its journeys.
  const as =
    argv[0] === 'report'
      ? 'statistician:s-1'
      : ['migrate', 'verify', 'tick'].includes(argv[0] ?? '')
        ? 'operator:o-1'
        : argv.includes('y-3')
          ? 'counsellor:c-b-1@ml-b'
          : 'counsellor:c-a-1@ml-a'
  const io = bufferIo({ PARCOURS_STORE: 'sqlite:store.db', PARCOURS_AS: as }, dir)
  const code = await run(argv, io)
  return { code, out: io.out(), err: io.err() }
}

// The birth dates of the fixture's four young people, and every date derived from them (16th,
// 26th and 30th birthdays: y-2 has RQTH), plus the clear fields that carried them.
const birthDates = ['2004-03-14', '1997-07-21', '2001-02-28', '1999-03-01']
const derived = birthDates.flatMap((b) =>
  [16, 26, 30].map((years) => `${Number(b.slice(0, 4)) + years}${b.slice(4)}`),
)
const searched = [...birthDates, ...derived, 'ageLimitOn', 'cejAgeLimitOn', 'ageAtRegistration', 'rqth']

/** Every value found in clear in any file of the folder, by file. */
const scan = (): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(
    readdirSync(dir)
      .map((f) => [f, readFileSync(join(dir, f))] as const)
      .map(([f, bytes]) => [f, searched.filter((v) => bytes.includes(Buffer.from(v)))] as const)
      .filter(([, hits]) => hits.length > 0),
  )

describe('parcours migrate: a store written by the previous version', () => {
  it('seals the clear age limits, keeps the age as its band, drops the old read models; the alerts still work', async () => {
    const before = scan()
    // The scan can fail: the previous version left the 26th and 30th birthdays in clear.
    expect(before['store.db']).toEqual(
      expect.arrayContaining(['2030-03-14', '2027-07-21', 'ageAtRegistration']),
    )
    expect(Object.keys(before)).toContain('store.db.projections')

    const migrated = await parcours('migrate', '--json')
    expect(migrated.code, migrated.err).toBe(0)
    expect(JSON.parse(migrated.out)).toEqual({ youthRegistered: 4, schemaVersion: 3 })
    expect(scan()).toEqual({})

    const verified = await parcours('verify', '--json')
    expect(verified.code, verified.err).toBe(0)
    expect(JSON.parse(verified.out)).toMatchObject({ events: 15, bad: [] })

    // The counsellor's age-limit alert, from the limits opened through the vault.
    const alerts = await parcours('alerts', '--counsellor', 'c-a-1', '--at', '2025-02-01', '--json')
    expect(alerts.code, alerts.err).toBe(0)
    expect(JSON.parse(alerts.out).ageLimitsNear).toEqual([
      { youthId: 'y-4', ageLimitOn: '2025-03-01', daysLeft: 28 },
    ])
    // The time rules keep working: y-4 ages out on the 26th birthday, y-2 (RQTH, in a CEJ) does not.
    const tick = await parcours('tick', '--at', '2025-03-02', '--json')
    expect(tick.code, tick.err).toBe(0)
    const y4 = await parcours('show', '--youth', 'y-4', '--json')
    expect(y4.out).toContain('"reason": "age-limit"')
    const y2 = await parcours(
      'programme',
      'exit',
      '--youth',
      'y-2',
      '--mission-locale',
      'ml-a',
      '--reason',
      'autonomy',
      '--on',
      '2025-03-03',
    )
    expect(y2.code, y2.err).toBe(0)
    // The erased young person's limits were not sealed again: nothing can open them.
    const y3 = await parcours('show', '--youth', 'y-3', '--json')
    expect(y3.code, y3.err).toBe(0)
    expect(y3.out).not.toContain('2027-02-28')

    // Reports, read models rebuilt. One date remains derivable, and it is not the migration's: the
    // age-out of y-4 is dated on the 26th birthday (time-driven facts are dated when they fall due),
    // so JourneyClosed 'age-limit' gives that birthday away. Open question, see the CLI README.
    expect((await parcours('report', '--json')).code).toBe(0)
    expect(scan()).toEqual({ 'store.db': ['2025-03-01'], 'store.db.projections': ['2025-03-01'] })
    const again = await parcours('migrate', '--json')
    expect(JSON.parse(again.out)).toEqual({ youthRegistered: 0, schemaVersion: 3 })
  })
})
