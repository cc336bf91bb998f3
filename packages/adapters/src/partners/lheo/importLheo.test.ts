import { readFileSync } from 'node:fs'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { generateLheo } from './generateLheo.js'
import { importLheo } from './importLheo.js'
import { lheoDate } from './lheoRecords.js'
import { getInMemoryTrainingCatalogue } from './trainingCatalogue.js'

// ---------------------------------------------------------------------------------------------
// The LHEO import on the fixture (three formations; a session with no such day, a formation
// without its title) and on small generated files, read in small chunks.
// ---------------------------------------------------------------------------------------------

const fixture = readFileSync(new URL('./fixtures/offres-somme.xml', import.meta.url), 'utf8')

/** The text in chunks of `size` characters, as a stream would give it. */
async function* chunked(text: string, size = 97): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}
const run = async (text: string, catalogue = getInMemoryTrainingCatalogue()) => {
  const r = await importLheo(chunked(text), catalogue)()
  if (isLeft(r)) throw new Error(r.left.message)
  return r.right
}

describe('LHEO import', () => {
  it('records the valid elements, refuses the malformed ones with their line, path and reason, and goes on', async () => {
    const catalogue = getInMemoryTrainingCatalogue()
    const report = await run(fixture, catalogue)
    expect([report.received, report.recorded, report.duplicated, report.rejected]).toEqual([14, 9, 0, 5])
    expect(report.rejections).toEqual([
      {
        line: 37,
        path: '/lheo/offres/formation[1]/action[1]/session[3]',
        element: 'session',
        numero: '2026-03',
        reason: "<fin>: '20260230': 2026-02 has no day 30",
      },
      {
        line: 51,
        path: '/lheo/offres/formation[2]',
        element: 'formation',
        numero: 'F-CAP-CUISINE',
        reason: 'required element <intitule-formation> is missing',
      },
    ])
    const sessions = await catalogue.list('session')()
    expect(
      isLeft(sessions)
        ? sessions.left
        : sessions.right.map((s) => [s.id, s.startsOn, s.endsOn, s.recruitment]),
    ).toEqual([
      ['A-POE-LOG-AMIENS/2025-09', '2025-09-08', '2025-11-28', 'open'],
      ['A-POE-LOG-AMIENS/2026-01', '2026-01-12', '2026-04-03', null],
      ['A-TP-ADVF-PERONNE/2025-10', '2025-10-06', '2026-03-27', 'suspended'],
    ])
    const actions = await catalogue.list('action')()
    expect(isLeft(actions) ? actions.left : actions.right.map((a) => [a.id, a.formationId, a.city])).toEqual([
      ['A-POE-LOG-AMIENS', 'F-POE-LOG', 'Amiens'],
      ['A-TP-ADVF-PERONNE', 'F-TP-ADVF', 'Péronne'],
    ])
    const organismes = await catalogue.list('organisme')()
    // Nothing of a contact is kept: no e-mail, no phone.
    expect(JSON.stringify(organismes)).not.toContain('@')
  })

  it('writes nothing new when the same file comes again', async () => {
    const catalogue = getInMemoryTrainingCatalogue()
    await run(fixture, catalogue)
    const again = await run(fixture, catalogue)
    expect([again.received, again.recorded, again.duplicated, again.rejected]).toEqual([14, 0, 9, 5])
    const changed = await run(
      fixture.replace('<etat-recrutement>1</etat-recrutement>', '<etat-recrutement>2</etat-recrutement>'),
      catalogue,
    )
    expect([changed.recorded, changed.duplicated]).toEqual([1, 8])
  })

  it('stops at the line where a file stops being well-formed, keeping what came before', async () => {
    const broken = fixture.replace('<formation numero="F-TP-ADVF">', '<formation numero="F-TP-ADVF"><oops>')
    const report = await run(broken)
    expect(report.stoppedAt).toMatchObject({ _tag: 'LheoFileUnreadable', line: expect.any(Number) })
    expect(report.stoppedAt?.reason).toMatch(/^not well-formed XML/)
    expect([report.formations, report.recorded]).toEqual([2, 5])
  })

  it('refuses a file that is not LHEO 2.3', async () => {
    const old = await run(fixture.replace('http://lheo.gouv.fr/2.3', 'http://www.lheo.org/2.2'))
    expect(old.stoppedAt?.reason).toBe(
      "namespace http://www.lheo.org/2.2 is not LHEO 2.3's (http://lheo.gouv.fr/2.3)",
    )
    expect(old.received).toBe(0)
    const other = await run('<?xml version="1.0"?><catalogue/>')
    expect(other.stoppedAt?.reason).toBe('the root element is <catalogue>, not <lheo>')
  })

  it('reads LHEO dates: a day, a month, a year, unknown or open; refuses what is not one', () => {
    expect(lheoDate('20250908')).toEqual({ value: '2025-09-08' })
    expect(lheoDate('20250900')).toEqual({ value: '2025-09' })
    expect(lheoDate('20250000')).toEqual({ value: '2025' })
    expect(lheoDate('00000000')).toEqual({ value: null })
    expect(lheoDate('99999999')).toEqual({ value: null })
    expect(lheoDate('20240229')).toEqual({ value: '2024-02-29' })
    expect(lheoDate('20250229')).toEqual({ error: "'20250229': 2025-02 has no day 29" })
    expect(lheoDate('20251301')).toEqual({ error: "'20251301': month 13 does not exist" })
    expect(lheoDate('2025-09-08')).toEqual({ error: "'2025-09-08' is not a date (AAAAMMJJ)" })
    expect(lheoDate('20250012')).toEqual({ error: "'20250012': a day without a month" })
  })

  it('imports a generated file, its malformed sessions and untitled formations refused', async () => {
    const text = [
      ...generateLheo({ formations: 30, malformedSessionEvery: 7, untitledEvery: 10, seed: 3 }),
    ].join('')
    const report = await run(text)
    // 30 formations × (formation + organisme + 2 actions + 4 sessions); 3 untitled (8 each), 4 bad sessions.
    expect([report.formations, report.received, report.rejected]).toEqual([30, 240, 28])
    expect(report.rejections.map((r) => r.element)).toEqual([
      'session',
      'formation',
      'session',
      'formation',
      'session',
      'session',
      'formation',
    ])
    expect(report.recorded + report.duplicated).toBe(212)
  })
})
