// Runs every snippet the READMEs show (scripts/check-readme-snippets.mjs keeps the READMEs equal to
// these files). Those that write files run in a temporary folder, removed afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { generateFranceTravailOffers, startFranceTravailSimulator } from '@parcours/adapters'
import { main as anyDeciderCommandHandler } from './anyDeciderCommandHandler.js'
import { main as decideWithoutFpTs } from './decideWithoutFpTs.js'
import { main as erasePersonalData } from './erasePersonalData.js'
import { main as givenWhenThen } from './givenWhenThen.js'
import { main as importDropoutList } from './importDropoutList.js'
import { main as journeyCommandHandler } from './journeyCommandHandler.js'
import { main as projectionRunner } from './projectionRunner.js'
import { main as stateSnapshots } from './stateSnapshots.js'
import { main as syncFranceTravailOffers } from './syncFranceTravailOffers.js'
import { main as taskEitherWithoutFpTs } from './taskEitherWithoutFpTs.js'
import { main as usingTheLibrary } from './usingTheLibrary.js'
import { main as vaultSealAndOpen } from './vaultSealAndOpen.js'

const home = process.cwd()
let folder = ''
const printed: unknown[][] = []
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'parcours-snippets-'))
  process.chdir(folder)
  printed.length = 0
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args))
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args))
})
afterEach(() => {
  vi.restoreAllMocks()
  process.chdir(home)
  rmSync(folder, { recursive: true, force: true })
})

describe('README snippets', () => {
  it('usingTheLibrary: registers on SQLite, and a re-run of the same command writes nothing more', async () => {
    expect(await usingTheLibrary()).toBe(2)
    expect(await usingTheLibrary()).toBe(2)
    expect(printed).toEqual([
      [2, 'events recorded'],
      [2, 'events recorded'],
    ])
  })

  it('taskEitherWithoutFpTs: appends the first event of a new stream (revision 0)', async () => {
    expect(await taskEitherWithoutFpTs()).toBe(0n)
    expect(printed).toEqual([[0n]])
  })

  it('journeyCommandHandler: keeps the follow-up with its comment sealed', async () => {
    const events = await journeyCommandHandler()
    const kept = events.find((e) => e.type === 'FollowUpKept')
    expect(JSON.stringify(kept)).not.toContain('welding')
    expect(kept).toMatchObject({ comment: { alg: 'A256GCM' } })
  })

  it("stateSnapshots: the registration's state is saved, and a new handler goes on from it", async () => {
    // The registration writes two events (revisions 0 and 1), the follow-up one.
    expect(await stateSnapshots()).toEqual([1n, 2n])
  })

  it('anyDeciderCommandHandler: stores the event of a decider of its own', async () => {
    const events = await anyDeciderCommandHandler()
    expect(events.map((e) => [e.streamName, e.event])).toEqual([['shelf-s-1', { type: 'Taken', count: 3 }]])
  })

  it('importDropoutList: a row of the SIEI file becomes a case', async () => {
    writeFileSync(
      'siei-2025-03.csv',
      'id_liste;id_ligne;nom;prenom;date_naissance;telephone;email;adresse;code_postal;commune;uai;derniere_classe;date_sortie\n' +
        'siei-2025-03;r-001;Lemarchand;Océane;12/05/2008;06 12 34 56 78;;"3 rue des Lilas";76000;Rouen;0760001A;2nde;15/11/2024\n',
    )
    expect(await importDropoutList()).toBe(1)
    expect(printed).toEqual([[1, 0, []]])
  })

  it('syncFranceTravailOffers: syncs the offers of the local simulator', async () => {
    const simulator = await startFranceTravailSimulator({ offers: generateFranceTravailOffers({ count: 4 }) })
    vi.stubEnv('FRANCE_TRAVAIL_URL', simulator.url)
    vi.stubEnv('FRANCE_TRAVAIL_CLIENT_ID', 'parcours-simulated')
    vi.stubEnv('FRANCE_TRAVAIL_CLIENT_SECRET', 'simulated-secret')
    try {
      expect(await syncFranceTravailOffers()).toMatchObject({ received: 4, recorded: 4 })
    } finally {
      vi.unstubAllEnvs()
      await simulator.close()
    }
  })

  it('decideWithoutFpTs: the rules refuse the exit, with a readable reason', () => {
    expect(decideWithoutFpTs()).toBe(0)
    expect(printed).toEqual([['No programme is open.']])
  })

  it('givenWhenThen: the decider does what the example says', () => {
    expect(() => givenWhenThen()).not.toThrow()
  })

  it('projectionRunner: the dashboard counts the first reception', async () => {
    expect(await projectionRunner()).toBe(1)
    expect(printed).toHaveLength(1)
  })

  it('vaultSealAndOpen: opens the identity the registration carries sealed', async () => {
    expect(await vaultSealAndOpen()).toEqual({
      _tag: 'Opened',
      fields: { firstName: 'Zoé', lastName: 'Martin' },
    })
  })

  it('erasePersonalData: erases the key and records the erasure', async () => {
    expect(await erasePersonalData()).toMatchObject({ keyErasedNow: true, eventRecordedNow: true })
  })
})
