import { Readable } from 'node:stream'
import { left } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  outreachEventCodec,
  type LocalDate,
  type MissionLocaleId,
  type OutreachCaseOpened,
} from '@parcours/domain'
import { getInMemoryEventStore } from '../../memory/index.js'
import { getInMemoryKeyStore } from '../../vault/inMemoryKeyStore.js'
import { createVault } from '../../vault/vault.js'
import { getInMemoryInbox } from '../inbox/inboxStore.js'
import { inboundReceiver } from '../inbox/receiveInbound.js'
import { manualScheduler } from '../inbox/scheduler.js'
import { DROPOUT_ROWS, dropoutRowsFlow } from './dropoutFlow.js'
import { importDropoutList } from './importDropoutList.js'
import {
  createOutreachCommandHandler,
  openOutreachIdentity,
  outreachCaseIdOf,
  type OutreachCommandHandler,
} from './outreachCases.js'

const HEADER =
  'id_liste;id_ligne;nom;prenom;date_naissance;telephone;email;adresse;code_postal;commune;uai;derniere_classe;date_sortie'
const row = (id: string, over: Partial<Record<'nom' | 'date' | 'cp' | 'uai', string>> = {}) =>
  `siei-2025-03;${id};${over.nom ?? 'Martin'};Léa;${over.date ?? '12/05/2008'};06 12 34 56 78;lea.martin@example.org;"3 rue des Lilas; 76000 Rouen";${over.cp ?? '76000'};Rouen;${over.uai ?? '0760001A'};2nde;2024-11-15`

const CLEAR = [
  'Martin',
  'Léa',
  '2008-05-12',
  '12/05/2008',
  'lea.martin',
  'Lilas',
  '76000',
  '0760001A',
  '2024-11-15',
]

/** The import on a memory store; the store fails for the first `failures` commands of row `failingRow`. */
const setup = (failingRow?: string, failures = 0) => {
  const store = getInMemoryEventStore({ codec: outreachEventCodec })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const inbox = getInMemoryInbox()
  const scheduler = manualScheduler()
  const handler = createOutreachCommandHandler({ store })
  let failing = failures
  const failingCase = failingRow === undefined ? undefined : outreachCaseIdOf('siei-2025-03', failingRow)
  const handle: OutreachCommandHandler = (c) =>
    c.command.caseId === failingCase && failing-- > 0
      ? async () => left({ _tag: 'StoreUnavailable', message: 'disk full' })
      : handler(c)
  const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }
  const input = {
    handle,
    vault,
    inbox,
    scheduler,
    retry,
    missionLocaleFor: (cp: string) => (cp.startsWith('76') ? ('ml-rouen' as MissionLocaleId) : undefined),
    on: '2025-03-20' as LocalDate,
  }
  const run = (text: string) => importDropoutList(Readable.from([text]), input)()
  const retryFailures = () =>
    inboundReceiver({ inbox, scheduler, retry }, dropoutRowsFlow(handle)).retryFailures()
  return { store, vault, inbox, scheduler, run, retryFailures }
}

describe('importDropoutList', () => {
  it('opens a case per row, sealed; a re-delivery writes nothing', async () => {
    const { store, vault, run } = setup()
    const file = [HEADER, row('r-1'), row('r-2'), ''].join('\n')
    const first = await run(file)
    expect(first).toMatchObject({
      right: { received: 2, recorded: 2, duplicated: 0, rejected: 0, stoppedAt: null },
    })
    const again = await run(file)
    expect(again).toMatchObject({ right: { received: 2, recorded: 0, duplicated: 2, rejected: 0 } })
    const all = await store.readAll()()
    if (all._tag === 'Left') throw new Error('read failed')
    expect(all.right).toHaveLength(2)
    const raw = JSON.stringify(all.right.map((e) => e.event))
    for (const clear of CLEAR) expect(raw).not.toContain(clear)
    const opened = all.right[0]?.event as OutreachCaseOpened
    expect(opened.caseId).toBe(outreachCaseIdOf('siei-2025-03', 'r-1'))
    const identity = await openOutreachIdentity(vault, opened.caseId, opened.identity)()
    expect(identity).toMatchObject({
      right: {
        _tag: 'Opened',
        fields: { lastName: 'Martin', birthDate: '2008-05-12', address: '3 rue des Lilas; 76000 Rouen' },
      },
    })
  })

  it('refuses a malformed row with its line and reason, and goes on', async () => {
    const { run } = setup()
    const file = [
      HEADER,
      row('r-1'),
      row('r-2', { date: '31/02/2008' }),
      'siei-2025-03;r-3;too;few',
      row('r-4', { cp: '13001' }),
      row('r-5', { uai: 'X' }),
      row('r-6'),
    ].join('\n')
    const r = await run(file)
    expect(r).toMatchObject({ right: { received: 6, recorded: 2, duplicated: 0, rejected: 4 } })
    if (r._tag === 'Left') return
    expect(r.right.rejections).toEqual([
      { line: 3, rowId: 'r-2', reason: 'date_naissance: expected a date AAAA-MM-JJ or JJ/MM/AAAA' },
      { line: 4, rowId: null, reason: 'expected 13 fields, got 4' },
      { line: 5, rowId: 'r-4', reason: 'code_postal: no mission locale covers this postcode' },
      { line: 6, rowId: 'r-5', reason: 'uai: expected a UAI (7 digits and a letter)' },
    ])
  })

  it('refuses a header without the columns, and stops at an unclosed quote with what came before recorded', async () => {
    const { run } = setup()
    expect(await run('id_liste;nom\nx;y\n')).toMatchObject({
      right: { received: 0, recorded: 0, stoppedAt: { line: 1 } },
    })
    const r = await run([HEADER, row('r-1'), 'siei-2025-03;r-2;"Martin;Léa', row('r-3')].join('\n'))
    expect(r).toMatchObject({ right: { recorded: 1 } })
    if (r._tag === 'Right') expect(r.right.stoppedAt?.line).toBeGreaterThanOrEqual(3)
  })

  it('tries a row whose case cannot be recorded again with backoff, parks it sealed, and a retry records it', async () => {
    const { store, inbox, scheduler, run, retryFailures } = setup('r-2', 6)
    const r = await run([HEADER, row('r-1'), row('r-2'), row('r-3')].join('\n'))
    expect(r).toMatchObject({ right: { received: 3, recorded: 2, duplicated: 0, rejected: 0 } })
    expect(scheduler.sleeps).toEqual([100, 200])
    const failures = await inbox.failures(DROPOUT_ROWS)()
    if (failures._tag === 'Left') throw new Error('inbox failed')
    expect(failures.right.map((f) => [f.key, f.status, f.where, f.attempts, f.reason])).toEqual([
      ['siei-2025-03/r-2', 'parked', 'line 3', 3, 'StoreUnavailable: disk full'],
    ])
    expect(r._tag === 'Right' && r.right.parked.map((f) => f.key)).toEqual(['siei-2025-03/r-2'])
    // What the inbox keeps of the row: its line, ids, mission locale and sealed identity, nothing in clear.
    const kept = JSON.stringify(failures.right)
    for (const clear of CLEAR) expect(kept).not.toContain(clear)
    expect(failures.right[0]?.raw).toMatchObject({ line: 3, listId: 'siei-2025-03', rowId: 'r-2' })

    // A retry's three tries still fail (6 in all), the next retry records it; retries receive nothing new.
    const still = await retryFailures()
    expect(still._tag === 'Right' && still.right.counts).toMatchObject({ parked: 1, recorded: 0 })
    const retried = await retryFailures()
    expect(retried._tag === 'Right' && retried.right.counts).toMatchObject({ recorded: 1, parked: 0 })
    const none = await inbox.failures(DROPOUT_ROWS)()
    expect(none._tag === 'Right' && none.right).toEqual([])
    const all = await store.readAll()()
    expect(all._tag === 'Right' && all.right.map((e) => (e.event as OutreachCaseOpened).caseId)).toEqual(
      ['r-1', 'r-3', 'r-2'].map((id) => outreachCaseIdOf('siei-2025-03', id)),
    )

    // A re-delivery of the list writes nothing; the counters are the flow's over the runs.
    const again = await run([HEADER, row('r-1'), row('r-2'), row('r-3'), 'x;y'].join('\n'))
    expect(again).toMatchObject({ right: { received: 4, recorded: 0, duplicated: 3, rejected: 1 } })
    const after = await store.readAll()()
    expect(after._tag === 'Right' && after.right).toHaveLength(3)
    const counters = await inbox.counters(DROPOUT_ROWS)()
    expect(counters._tag === 'Right' && counters.right).toEqual([
      { flow: DROPOUT_ROWS, received: 7, recorded: 3, duplicated: 3, rejected: 1, parked: 1 },
    ])
  })
})
