import { readFileSync } from 'node:fs'
import { left } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { getInMemoryInbox } from '../inbox/inboxStore.js'
import { inboundReceiver } from '../inbox/receiveInbound.js'
import { manualScheduler } from '../inbox/scheduler.js'
import { importLheo } from './importLheo.js'
import { LHEO_FORMATIONS, lheoFormationsFlow } from './lheoFlow.js'
import { getInMemoryTrainingCatalogue, type TrainingCatalogue } from './trainingCatalogue.js'

// ---------------------------------------------------------------------------------------------
// The LHEO import through the partner inbox: each formation a message of `lheo/formations`.
// ---------------------------------------------------------------------------------------------

const fixture = readFileSync(new URL('./fixtures/offres-somme.xml', import.meta.url), 'utf8')
async function* chunked(text: string, size = 113): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }

describe('LHEO import through the inbox', () => {
  it('counts as before, refuses the malformed formation with its line, and writes nothing on a re-import', async () => {
    const catalogue = getInMemoryTrainingCatalogue()
    const store = getInMemoryInbox()
    const inbox = { store, scheduler: manualScheduler(), retry }
    const first = await importLheo(chunked(fixture), catalogue, undefined, inbox)()
    expect(
      first._tag === 'Right' && [first.right.received, first.right.recorded, first.right.rejected],
    ).toEqual([14, 9, 5])
    const again = await importLheo(chunked(fixture), catalogue, undefined, inbox)()
    expect(
      again._tag === 'Right' && [again.right.recorded, again.right.duplicated, again.right.rejected],
    ).toEqual([0, 9, 5])
    const counters = await store.counters(LHEO_FORMATIONS)()
    expect(counters._tag === 'Right' && counters.right).toEqual([
      { flow: LHEO_FORMATIONS, received: 6, recorded: 2, duplicated: 2, rejected: 2, parked: 0 },
    ])
    const failures = await store.failures()()
    expect(failures._tag === 'Right' && failures.right.map((f) => [f.key, f.where, f.reason])).toEqual([
      [
        'F-CAP-CUISINE',
        'line 51 /lheo/offres/formation[2]',
        'line 51 /lheo/offres/formation[2]: required element <intitule-formation> is missing',
      ],
    ])
  })

  it('parks a formation the catalogue keeps refusing, goes on with the file, and records it on retry', async () => {
    const catalogue = getInMemoryTrainingCatalogue()
    let down = true
    const flaky: TrainingCatalogue = {
      ...catalogue,
      record: (records) =>
        down && records.some((r) => r.id === 'F-POE-LOG')
          ? async () => left({ _tag: 'CatalogueFailed', message: 'disk full' })
          : catalogue.record(records),
    }
    const store = getInMemoryInbox()
    const clock = manualScheduler()
    const r = await importLheo(chunked(fixture), flaky, undefined, { store, scheduler: clock, retry })()
    expect(r._tag === 'Right' && [r.right.recorded, r.right.parked]).toEqual([4, 5])
    expect(clock.sleeps).toEqual([100, 200])
    const parked = await store.failures()()
    expect(
      parked._tag === 'Right' &&
        parked.right.filter((f) => f.status === 'parked').map((f) => [f.key, f.reason]),
    ).toEqual([['F-POE-LOG', 'disk full']])
    down = false
    const receiver = inboundReceiver({ inbox: store, scheduler: clock, retry }, lheoFormationsFlow(flaky))
    const retried = await receiver.retryFailures()
    expect(retried._tag === 'Right' && retried.right.counts).toMatchObject({ recorded: 1, rejected: 1 })
    const sessions = await catalogue.list('session')()
    expect(sessions._tag === 'Right' && sessions.right.map((s) => s.id)).toContain('A-POE-LOG-AMIENS/2025-09')
  })
})
