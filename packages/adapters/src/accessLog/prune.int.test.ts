import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { AccessLog, MissionLocaleId, YouthId } from '@parcours/domain'
import { getInMemoryAccessLog } from './inMemoryAccessLog.js'
import { getSqliteAccessLog } from './sqliteAccessLog.js'

// Pruning the access log: the entries older than the retention go, in one unit, and the chain of
// those kept still proves nothing was changed, from the anchor the prune recorded.

const dir = mkdtempSync(join(tmpdir(), 'parcours-access-prune-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ml = 'ml-a' as MissionLocaleId
const entry = (youthId: string, at: string) => ({
  at,
  actor: 'manager:m-1@ml-a',
  youthId: youthId as YouthId,
  missionLocaleId: ml,
  purpose: 'show' as const,
  opened: ['identity'] as const,
})
const days = ['2024-01-10', '2024-03-02', '2024-09-15', '2025-02-01', '2025-06-30']
const fill = async (log: AccessLog) => {
  for (const [i, day] of days.entries()) await log.record(entry(`y-${i + 1}`, `${day}T09:00:00.000Z`))()
}
const listed = async (log: AccessLog) => {
  const r = await log.list({ missionLocaleId: ml })()
  if (r._tag === 'Left') throw new Error(r.left.message)
  return r.right.map((e) => [e.sequence, e.youthId])
}
const prune = (log: AccessLog, before: string, notAfter = '2025-01-01T00:00:00.000Z') =>
  log.prune({ before, notAfter, at: '2025-07-01T08:00:00.000Z', actor: 'operator:o-1' })()

let n = 0
const logs: Record<string, () => AccessLog> = {
  'in memory': () => getInMemoryAccessLog(),
  SQLite: () => getSqliteAccessLog({ path: join(dir, `log-${++n}.access`) }),
}

describe.each(Object.entries(logs))('pruning the access log (%s)', (_, make) => {
  it('removes the entries before the date, keeps the chain of the others, and goes on from it', async () => {
    const log = make()
    await fill(log)
    expect(await prune(log, '2024-09-01T00:00:00.000Z')).toMatchObject({
      _tag: 'Right',
      right: { pruned: 2, anchor: { sequence: 2 } },
    })
    expect(await listed(log)).toEqual([
      [3, 'y-3'],
      [4, 'y-4'],
      [5, 'y-5'],
    ])
    await log.record(entry('y-6', '2025-07-01T09:00:00.000Z'))()
    expect((await listed(log)).at(-1)).toEqual([6, 'y-6'])
    // Nothing older left: a second prune removes nothing and keeps the anchor.
    expect(await prune(log, '2024-09-01T00:00:00.000Z')).toMatchObject({
      _tag: 'Right',
      right: { pruned: 0, anchor: { sequence: 2 } },
    })
    await log.close()
  })

  it('refuses to remove entries younger than the shortest retention, and changes nothing', async () => {
    const log = make()
    await fill(log)
    expect(await prune(log, '2025-03-01T00:00:00.000Z')).toMatchObject({
      _tag: 'Left',
      left: {
        _tag: 'AccessLogRetentionTooShort',
        before: '2025-03-01T00:00:00.000Z',
        notAfter: '2025-01-01T00:00:00.000Z',
      },
    })
    expect((await listed(log)).length).toBe(5)
    await log.close()
  })
})

describe('pruning the SQLite access log', () => {
  it('keeps its anchor across openings, and still refuses a delete and detects a removed entry', async () => {
    const path = join(dir, 'reopened.access')
    const log = getSqliteAccessLog({ path })
    await fill(log)
    await prune(log, '2024-09-01T00:00:00.000Z')
    await log.close()
    const again = getSqliteAccessLog({ path })
    expect(await listed(again)).toEqual([
      [3, 'y-3'],
      [4, 'y-4'],
      [5, 'y-5'],
    ])
    const db = new Database(path)
    expect(() => db.prepare('DELETE FROM parcours_access_log WHERE sequence = 4').run()).toThrow(
      /append-only/,
    )
    expect(() => db.prepare('DELETE FROM parcours_access_log_prunes').run()).toThrow(/append-only/)
    expect(db.prepare('SELECT actor, pruned, up_to_sequence FROM parcours_access_log_prunes').all()).toEqual([
      { actor: 'operator:o-1', pruned: 2, up_to_sequence: 2 },
    ])
    db.exec('DROP TRIGGER parcours_access_log_no_delete')
    db.prepare('DELETE FROM parcours_access_log WHERE sequence = 4').run()
    db.close()
    expect(await again.list({ missionLocaleId: ml })()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'AccessLogTampered', sequence: 4 },
    })
    // A prune over a broken chain is refused too: it would bury the evidence.
    expect(await prune(again, '2025-01-01T00:00:00.000Z')).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'AccessLogTampered' },
    })
    await again.close()
  })
})
