import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessCli } from './testing/inProcessCli.js'
import { openSqliteFile as Database } from './testing/sqliteFile.js'

// One corrupt stored event affects only its own journey: every query for the others works, the
// dashboard names the journey it could not read, the clock and retention go on and list it.

const { dir, parcours, ok, remove } = inProcessCli('parcours-bad-data-', 'sqlite:bad.db')
afterAll(remove)

const journey = (youth: string, ml: string) => ['--youth', youth, '--mission-locale', ml]
let position = ''

beforeAll(async () => {
  for (const [youth, ml] of [
    ['y-a', 'ml-a'],
    ['y-b', 'ml-b'],
    ['y-c', 'ml-b'],
  ] as const) {
    await ok(
      'register',
      ...journey(youth, ml),
      '--counsellor',
      'c-1',
      '--birth-date',
      '2005-02-02',
      '--on',
      '2025-01-06',
      '--first-name',
      'Odile',
      '--last-name',
      'Marchal',
    )
    await ok(
      'offer',
      ...journey(youth, ml),
      '--proposal',
      'p-1',
      '--theme',
      'training',
      '--respond-by',
      '2025-02-01',
      '--on',
      '2025-01-10',
    )
    await ok('follow-up', 'keep', ...journey(youth, ml), '--follow-up', 'fu-1', '--on', '2025-01-20')
  }
  // y-b's offer (revision 2, in the middle of its stream) no longer decodes.
  const db = new Database(join(dir, 'bad.db'))
  db.prepare(
    'UPDATE events SET data = \'{"theme":"moon-landing"}\' WHERE stream_name = \'journey-y-b\' AND revision = 2',
  ).run()
  position = String(
    (
      db.prepare("SELECT position FROM events WHERE stream_name = 'journey-y-b' AND revision = 2").get() as {
        position: number
      }
    ).position,
  )
  db.close()
})

describe('a corrupt event', () => {
  it("fails only its own journey's show (exit 3, naming stream and revision); the others show", async () => {
    const bad = await parcours('show', ...journey('y-b', 'ml-b'))
    expect([bad.code, bad.err]).toEqual([
      3,
      expect.stringContaining('corrupt event in stream journey-y-b at revision 2'),
    ])
    for (const [youth, ml] of [
      ['y-a', 'ml-a'],
      ['y-c', 'ml-b'],
    ] as const)
      expect((await ok('show', ...journey(youth, ml))).out).toContain('Odile')
    expect(
      (await ok('alerts', '--counsellor', 'c-1', '--mission-locale', 'ml-b', '--at', '2025-03-01', '--json'))
        .out,
    ).toContain('y-c')
  })

  it('leaves the dashboard whole for everyone else, and names the journey it could not read by id and position', async () => {
    const national = JSON.parse((await ok('report', '--json')).out) as {
      totals: { firstReceptions: number }
      unreadable: {
        events: Array<{ youthId: string; revision: number; position: string }>
        elsewhere: number
      }
    }
    expect(national.totals.firstReceptions).toBe(3)
    expect(national.unreadable.events.map((e) => [e.youthId, e.revision, e.position])).toEqual([
      ['y-b', 2, position],
    ])
    const table = await ok('report', '--mission-locale', 'ml-b')
    expect(table.out).toContain(`Could not read journey y-b: its event at revision 2 (position ${position}`)
    const a = await ok('report', '--mission-locale', 'ml-a', '--json')
    expect(a.out).not.toContain('y-b')
    expect(JSON.parse(a.out)).not.toHaveProperty('unreadable')
    const csv = await ok('report', '--mission-locale', 'ml-b', '--csv')
    expect(csv.err).toContain('Could not read journey y-b')
  })

  it('lets the clock and retention go on with the others, list the journey they skipped, and exit 3', async () => {
    const tick = await parcours('tick', '--at', '2025-03-01', '--json')
    expect(tick.code).toBe(3)
    const ticked = JSON.parse(tick.out) as {
      openJourneys: number
      skipped: Array<{ streamName: string; position: string }>
    }
    expect(ticked.openJourneys).toBe(2)
    expect(ticked.skipped).toEqual([
      expect.objectContaining({ streamName: 'journey-y-b', revision: 2, position }),
    ])
    const retention = await parcours('retention', '--at', '2040-01-01', '--dry-run')
    expect(retention.code).toBe(3)
    expect(retention.out).toContain('2 young people would be erased')
    expect(retention.out).toContain(
      `SKIPPED y-b: its event at revision 2 (position ${position}) cannot be decoded`,
    )
    expect(retention.err).toContain('1 journey(s) skipped')
  })
})
