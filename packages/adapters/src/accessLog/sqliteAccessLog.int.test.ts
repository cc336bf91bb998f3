import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { MissionLocaleId, YouthId } from '@parcours/domain'
import { getSqliteAccessLog } from './sqliteAccessLog.js'

const dir = mkdtempSync(join(tmpdir(), 'parcours-access-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const entry = (youthId: string, ml: string) => ({
  at: '2025-03-01T10:00:00.000Z',
  actor: `counsellor:c-1@${ml}`,
  youthId: youthId as YouthId,
  missionLocaleId: ml as MissionLocaleId,
  purpose: 'show' as const,
  opened: ['identity', 'comments'] as const,
})

describe('the SQLite access log', () => {
  it('keeps entries across openings, chained, and lists them per mission locale', async () => {
    const path = join(dir, 'keep.access')
    const first = getSqliteAccessLog({ path })
    expect(await first.record(entry('y-1', 'ml-a'))()).toMatchObject({
      _tag: 'Right',
      right: { sequence: 1 },
    })
    await first.close()
    const again = getSqliteAccessLog({ path })
    await again.record(entry('y-2', 'ml-b'))()
    await again.record(entry('y-3', 'ml-a'))()
    const listed = await again.list({ missionLocaleId: 'ml-a' as MissionLocaleId })()
    expect(listed._tag === 'Right' && listed.right.map((e) => [e.sequence, e.youthId, e.opened])).toEqual([
      [1, 'y-1', ['identity', 'comments']],
      [3, 'y-3', ['identity', 'comments']],
    ])
    await again.close()
  })

  it('refuses updates and deletes, and detects an entry changed behind its back', async () => {
    const path = join(dir, 'tamper.access')
    const log = getSqliteAccessLog({ path })
    await log.record(entry('y-1', 'ml-a'))()
    await log.record(entry('y-2', 'ml-a'))()
    const db = new Database(path)
    expect(() => db.prepare("UPDATE parcours_access_log SET actor = 'nobody'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM parcours_access_log').run()).toThrow(/append-only/)
    db.exec('DROP TRIGGER parcours_access_log_no_update')
    db.prepare("UPDATE parcours_access_log SET actor = 'nobody' WHERE sequence = 1").run()
    db.close()
    expect(await log.list({ missionLocaleId: 'ml-a' as MissionLocaleId })()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'AccessLogTampered', sequence: 1 },
    })
    await log.close()
  })

  it('answers AccessLogUnavailable when its file cannot be opened', async () => {
    const log = getSqliteAccessLog({ path: join(dir, 'missing', 'x.access') })
    expect(await log.record(entry('y-1', 'ml-a'))()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'AccessLogUnavailable' },
    })
  })
})
