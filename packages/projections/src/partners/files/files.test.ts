import fc from 'fast-check'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { AllowanceStatementRow } from '../../cej/queryCej.js'
import { type DocMap, docEntries, docMapOf } from '../../model/docMap.js'
import { foldEvents } from '../../model/projection.js'
import { arbHistory } from '../../testing/arbitraries.js'
import { journey, record } from '../../testing/journeyBuilder.js'
import { aspStatementRows, aspStatementSpec } from './aspStatement.js'
import { daresExtractSpec, pseudonymizer, queryDaresExtract } from './daresExtract.js'
import { type ExtractYouth, partnerFilesProjection } from './extractProjection.js'
import { checkFile, describeFile, renderCsv } from './fileSpec.js'
import { franceTravailNoticeSpec, queryFranceTravailNotice } from './franceTravailNotice.js'

const docs = (rm: DocMap<object>) => Object.fromEntries(docEntries(rm))
const persisted = (rm: DocMap<ExtractYouth>) =>
  docMapOf([...docEntries(rm)].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as ExtractYouth] as const))
const key = Buffer.from('0123456789abcdef0123456789abcdef')
const pseudonym = pseudonymizer(key)

const sample = () =>
  foldEvents(
    partnerFilesProjection,
    record([
      journey('y1', 'A')
        .register('2024-12-20')
        .schedule('2024-12-20', 'f1', '2025-01-06', 'individual-interview')
        .kept('2025-01-06', 'f1')
        .schedule('2025-01-06', 'f2', '2025-01-08', 'workshop')
        .kept('2025-01-08', 'f2')
        .offer('2025-01-09', 'p1', 'training', '2025-02-01')
        .programme('2025-01-15', 'CEJ', '2026-01-14').events,
      journey('y2', 'A')
        .register('2024-11-03')
        .programme('2024-12-02', 'PACEA', '2026-12-01')
        .close('2025-01-20', 'age-limit').events,
      journey('y3', 'B')
        .register('2025-01-02')
        .employment('2025-01-30', 'e1', true)
        .close('2025-01-31', 'durable-employment').events,
      journey('y4', 'A').register('2024-05-02').close('2024-10-01', 'moved-away').events,
    ]),
  )

describe('the DARES extract', () => {
  it('gives one row per young person followed in the month, with the indicators’ inputs', () => {
    const rows = queryDaresExtract(sample(), { month: '2025-01', missionLocaleId: null }, pseudonym)
    const byPseudonym = new Map(rows.map((r) => [r['pseudonym'], r]))
    expect(rows).toHaveLength(3) // y4 left in October
    expect(byPseudonym.get(pseudonym('y1'))).toMatchObject({
      mission_locale: 'A',
      age_band: '18-21',
      first_reception: '0',
      in_contact: '1',
      interviews: '1', // the workshop is not an interview
      proposals: '1',
      programme_entry: 'CEJ',
      programme_at_month_end: 'CEJ',
      open_at_month_end: '1',
      exit_reason: '',
    })
    // The age limit is reported as "other": its month would date the 26th birthday.
    expect(byPseudonym.get(pseudonym('y2'))).toMatchObject({
      exit_reason: 'other',
      open_at_month_end: '0',
      programme_at_month_end: '',
    })
    expect(byPseudonym.get(pseudonym('y3'))).toMatchObject({
      mission_locale: 'B',
      first_reception: '1',
      durable_employment_entries: '1',
      exit_reason: 'durable-employment',
    })
    expect(queryDaresExtract(sample(), { month: '2025-01', missionLocaleId: 'B' }, pseudonym)).toHaveLength(1)
    expect(queryDaresExtract(sample(), { month: '2025-02', missionLocaleId: null }, pseudonym)).toHaveLength(
      1,
    )
  })

  it('names nobody: a keyed pseudonym, the same every month, another under another key', () => {
    const csv = renderCsv(
      daresExtractSpec,
      queryDaresExtract(sample(), { month: '2025-01', missionLocaleId: null }, pseudonym),
    )
    for (const id of ['y1', 'y2', 'y3']) expect(csv).not.toMatch(new RegExp(`\\b${id}\\b`))
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/) // no date finer than the month
    const other = pseudonymizer(Buffer.from('another key, another pseudonym!!'))
    expect(other('y1')).not.toBe(pseudonym('y1'))
    expect(pseudonym('y1')).toMatch(/^[0-9a-f]{32}$/)
    const feb = queryDaresExtract(sample(), { month: '2025-02', missionLocaleId: null }, pseudonym)
    expect(feb.map((r) => r['pseudonym'])).toEqual([pseudonym('y1')])
  })

  it('follows its schema, which refuses a row that does not', () => {
    const csv = renderCsv(
      daresExtractSpec,
      queryDaresExtract(sample(), { month: '2025-01', missionLocaleId: null }, pseudonym),
    )
    const checked = checkFile(daresExtractSpec, csv)
    expect(isRight(checked) && checked.right).toHaveLength(3)
    const broken = csv.replace(/,18-21,/, ',19,')
    expect(checkFile(daresExtractSpec, broken)).toMatchObject({
      _tag: 'Left',
      left: { line: expect.any(Number) },
    })
    expect(isLeft(checkFile(daresExtractSpec, csv.replace('pseudonym,', 'youth,')))).toBe(true)
    const description = describeFile(daresExtractSpec, { month: '2025-01' })
    expect(description.columns.map((c) => c.name)).toEqual(csv.split('\n')[0]?.split(','))
    expect(description.columns.every((c) => c.description.length > 0)).toBe(true)
  })
})

describe('the notice to France Travail', () => {
  it('lists the CEJ and PACEA entries of the month from January 2025, in the mission locale that recorded them', () => {
    expect(queryFranceTravailNotice(sample(), { month: '2025-01', missionLocaleId: 'A' })).toEqual([
      {
        youth_id: 'y1',
        mission_locale: 'A',
        programme: 'CEJ',
        entered_on: '2025-01-15',
        notice_month: '2025-01',
      },
    ])
    // Entries before 2025 were not registered as jobseekers.
    expect(queryFranceTravailNotice(sample(), { month: '2024-12', missionLocaleId: 'A' })).toEqual([])
    expect(queryFranceTravailNotice(sample(), { month: '2025-01', missionLocaleId: 'B' })).toEqual([])
    const csv = renderCsv(
      franceTravailNoticeSpec,
      queryFranceTravailNotice(sample(), { month: '2025-01', missionLocaleId: 'A' }),
    )
    expect(isRight(checkFile(franceTravailNoticeSpec, csv))).toBe(true)
  })
})

describe('the ASP statement', () => {
  it('carries the amount due and its reason, not the monthly amount or the table row', () => {
    const row: AllowanceStatementRow = {
      youthId: 'y1',
      missionLocaleId: 'A',
      month: '2025-01',
      contracts: ['2025-01-15' as never],
      daysEligible: 17,
      daysInMonth: 31,
      monthlyCents: 56168,
      tableRowFrom: '2024-04-01' as never,
      baseCents: 30802,
      sanctions: [],
      dueCents: 30802,
      status: 'due',
    }
    const csv = renderCsv(
      aspStatementSpec,
      aspStatementRows([row, { ...row, youthId: 'y2', dueCents: null, status: 'allowance-not-set' }]),
    )
    expect(csv).toBe(
      [
        'youth_id,mission_locale,month,contracts,days_eligible,days_in_month,sanctions,amount_due_cents,status',
        'y1,A,2025-01,CEJ-2025-01-15,17,31,,30802,due',
        'y2,A,2025-01,CEJ-2025-01-15,17,31,,,allowance-not-set',
        '',
      ].join('\n'),
    )
    expect(csv).not.toContain('56168')
    expect(isRight(checkFile(aspStatementSpec, csv))).toBe(true)
  })
})

describe('the outbound files on generated histories', () => {
  it('their read model built in increments equals a rebuild, and every month’s files follow their schemas', () => {
    fc.assert(
      fc.property(arbHistory(), fc.array(fc.nat(), { maxLength: 4 }), (h, cutSeeds) => {
        const n = h.recorded.length
        const cuts = [...new Set(cutSeeds.map((c) => c % (n + 1)))].sort((a, b) => a - b)
        let rm = partnerFilesProjection.initial
        let from = 0
        for (const cut of [...cuts, n]) {
          rm = persisted(foldEvents(partnerFilesProjection, h.recorded.slice(from, cut), rm))
          from = cut
        }
        expect(docs(rm)).toEqual(docs(foldEvents(partnerFilesProjection, h.recorded)))
        const months = [...new Set(h.recorded.map((r) => r.event.on.slice(0, 7)))]
        for (const month of months) {
          const dares = renderCsv(
            daresExtractSpec,
            queryDaresExtract(rm, { month, missionLocaleId: null }, pseudonym),
          )
          expect(checkFile(daresExtractSpec, dares)).toMatchObject({ _tag: 'Right' })
          for (const ml of new Set(h.recorded.map((r) => r.event.missionLocaleId))) {
            const ft = renderCsv(
              franceTravailNoticeSpec,
              queryFranceTravailNotice(rm, { month, missionLocaleId: ml }),
            )
            expect(checkFile(franceTravailNoticeSpec, ft)).toMatchObject({ _tag: 'Right' })
          }
        }
      }),
      { numRuns: 30 },
    )
  })
})
