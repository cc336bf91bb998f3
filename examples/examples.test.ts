// Runs every example program the way CI should: each main(), with assertions on what it reports.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { main as eraseAndRetention } from './eraseAndRetention.js'
import { main as projectionWorker } from './projectionWorker.js'
import { main as registerAndFollowUp } from './registerAndFollowUp.js'

const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('examples', () => {
  it('registerAndFollowUp: seals the identity, stores the journey once, opens it back, logs no name', async () => {
    const lines: string[] = []
    const logTo = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    })
    const r = await registerAndFollowUp({ logTo })
    expect(r.storedEventTypes).toEqual([
      'YouthRegistered',
      'FollowUpScheduled',
      'ProposalOffered',
      'FollowUpKept',
      'FollowUpScheduled',
    ])
    expect(r.nameInStoredEvents).toBe(false)
    expect(r.identity).toEqual({ firstName: 'Zoé', lastName: 'Martin', email: 'zoe.martin@example.org' })
    expect(r.followUpComment).toBe('wants a welding course')
    expect(r.resentCommandReplayed).toBe(true)
    expect(r.refusal).toContain('p-9')
    const logs = lines.join('')
    expect(logs).toContain('"msg":"registered"')
    expect(logs).not.toMatch(/Zoé|Martin|zoe\.martin/)
  })

  it('projectionWorker: catches up on SQLite, resumes from its checkpoint, prints national counts only', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'parcours-examples-test-'))
    folders.push(folder)
    const r = await projectionWorker({ folder })
    expect(existsSync(r.eventStorePath) && existsSync(r.readModelPath)).toBe(true)
    // Nothing applied twice, nothing missed: the two runs together applied every stored event.
    expect(r.resumedRunEvents).toBeGreaterThan(0)
    expect(r.firstRunEvents + r.resumedRunEvents).toBe(r.eventsInStore)
    // 20 young people, every third one (0, 3, …, 18) into a CDI and out with a positive exit.
    expect(r.nationalTotals.firstReceptions).toBe(20)
    expect(r.firstReceptionsByMissionLocale).toEqual({ 'ml-lille': 10, 'ml-lyon': 10 })
    expect(r.nationalTotals.employmentEntries).toEqual({ durable: 7, other: 0 })
    expect(r.nationalTotals.exits).toBe(7)
    expect(r.nationalTotals.positiveExits).toBe(7)
    expect(r.nationalTotals.accompanied).toBe(13)
    expect(r.nationalTotals.proposalsByTheme.employment + r.nationalTotals.proposalsByTheme.training).toBe(20)
    expect(r.nationalViewHasYouthIds).toBe(false)
  })

  it('projectionWorker: removes its temporary folder when given none', async () => {
    const r = await projectionWorker()
    expect(existsSync(r.eventStorePath)).toBe(false)
    expect(r.nationalTotals.firstReceptions).toBe(20)
  })

  it('eraseAndRetention: erases on request and past retention, refuses across tenants, changes no indicator', async () => {
    const r = await eraseAndRetention('2026-01-15')
    expect(r.erasure).toEqual({ youthId: 'youth-1', keyErasedNow: true, eventRecordedNow: true })
    expect(r.repeatedErasure).toEqual({ keyErasedNow: false, eventRecordedNow: false })
    expect(r.identityAfterErasure).toBe('Erased')
    expect(r.othersStillOpen).toBe(true)
    expect(r.crossTenantRefusal).toBe('WrongMissionLocale')
    expect(r.retentionDryRun).toEqual([
      { youthId: 'youth-2', missionLocaleId: 'ml-lyon', retentionDueOn: '2023-06-01' },
    ])
    expect(r.stillOpenAfterDryRun).toBe(true)
    expect(r.retentionErased).toEqual(r.retentionDryRun)
    expect(r.retentionRerun).toEqual([])
    expect(r.erasureEvents).toBe(2)
    expect(r.dashboardUnchanged).toBe(true)
  })

  it('eraseAndRetention: the CEJ ended in 2020 keeps youth-3 until 2030-12-31', async () => {
    const r = await eraseAndRetention('2030-12-31')
    expect(r.retentionErased.map((e) => [e.youthId, e.retentionDueOn])).toEqual([
      ['youth-2', '2023-06-01'],
      ['youth-3', '2030-12-31'],
    ])
  })
})
