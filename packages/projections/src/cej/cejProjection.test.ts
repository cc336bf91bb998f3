import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { AllowanceBasis, JourneyCommand } from '@parcours/domain'
import { fakeSealed, journeyFixture } from '@parcours/domain/testing'
import { docEntries } from '../model/docMap.js'
import { foldEvents } from '../model/projection.js'
import { arbInterleaving } from '../testing/arbitraries.js'
import { record } from '../testing/journeyBuilder.js'
import { cejProjection } from './cejProjection.js'
import { queryAllowanceStatement, queryCejAlerts, queryCejWeeks, statementSealedBases } from './queryCej.js'

// Two young people of ml-1 in a CEJ from Monday 3 February 2025: Ana keeps a weekly interview and
// does a 20-hour immersion in weeks 2–3; Bea only keeps her interviews. Cid, of ml-2, is in a PACEA.
const adult: AllowanceBasis = {
  householdTaxStatus: 'non-taxable',
  allowanceTerritory: 'general',
  adultOn: null,
}

const cejYouth = (
  youthId: string,
  ml: string,
  extra: (j: ReturnType<typeof journeyFixture>) => JourneyCommand[],
) => {
  const j = journeyFixture(youthId, ml)
  return j.history(
    j.command('RegisterYouth', '2025-01-27', {
      counsellorId: 'c-1',
      birthDate: '2003-04-04',
      rqth: false,
      personalData: null,
    }),
    j.command('EnterProgramme', '2025-02-03', { programme: 'CEJ', plannedEndOn: '2025-12-31' }),
    j.command('SetCejAllowance', '2025-02-03', {
      household: adult,
      rsa: false,
      primeActivite: false,
      personalData: fakeSealed(`key-${youthId}`),
    }),
    ...extra(j),
  )
}
const weekly = (j: ReturnType<typeof journeyFixture>) =>
  ['2025-02-04', '2025-02-11', '2025-02-18', '2025-02-25'].flatMap((on, i) => [
    j.command('ScheduleFollowUp', '2025-02-03', {
      followUpId: `w-${i}`,
      dueOn: on,
      kind: 'individual-interview',
    }),
  ])
const kept = (j: ReturnType<typeof journeyFixture>) =>
  ['2025-02-04', '2025-02-11', '2025-02-18', '2025-02-25'].map((on, i) =>
    j.command('KeepFollowUp', on, { followUpId: `w-${i}`, comment: null }),
  )
const ana = cejYouth('ana', 'ml-1', (j) => [
  ...weekly(j),
  j.command('DeclareActivity', '2025-02-05', {
    activityId: 'a-1',
    kind: 'immersion',
    startsOn: '2025-02-10',
    endsOn: '2025-02-23',
    hoursPerWeek: 20,
  }),
  ...kept(j).slice(0, 2),
  j.command('ValidateActivity', '2025-02-12', { activityId: 'a-1', hoursPerWeek: 20 }),
  ...kept(j).slice(2),
  j.command('RecordCejBreach', '2025-02-26', { breachId: 'b-1', kind: 'unjustified-absence' }),
  j.command('RecordCejHearing', '2025-02-27', { breachId: 'b-1', outcome: 'breach-upheld' }),
  j.command('DecideCejSanction', '2025-02-28', { breachId: 'b-1' }),
])
const bea = cejYouth('bea', 'ml-1', (j) => [...weekly(j), ...kept(j)])
const cidJ = journeyFixture('cid', 'ml-2')
const cid = cidJ.history(
  cidJ.command('RegisterYouth', '2025-01-27', {
    counsellorId: 'c-9',
    birthDate: '2003-04-04',
    rqth: false,
    personalData: null,
  }),
  cidJ.command('CompleteDiagnostic', '2025-01-28', { comment: null }),
  cidJ.command('EnterProgramme', '2025-02-03', { programme: 'PACEA', plannedEndOn: '2025-12-31' }),
)
const rm = foldEvents(cejProjection, record([ana, bea, cid]))

describe('CEJ read side', () => {
  test('the share of CEJ weeks under 15 h, per mission locale and month', () => {
    const indicator = queryCejWeeks(rm, { asOf: '2025-03-03' })
    // Four complete weeks each in February: Ana's weeks 2 and 3 reach 21 h, the others 1 h.
    expect(indicator.cells).toEqual([
      { missionLocaleId: 'ml-1', month: '2025-02', weeks: 8, weeksUnderTarget: 6, shareUnderTarget: 0.75 },
    ])
    expect(indicator.totals).toMatchObject([{ missionLocaleId: 'ml-1', weeks: 8, weeksUnderTarget: 6 }])
    expect(queryCejWeeks(rm, { asOf: '2025-03-03', missionLocaleId: 'ml-2' }).cells).toEqual([])
  })

  test('the counsellor sees last week under 15 h and, from Wednesday, the week that cannot reach it', () => {
    const alerts = queryCejAlerts(rm, { missionLocaleId: 'ml-1', counsellorId: 'c-1', asOf: '2025-03-05' })
    expect(alerts.map((a) => [a.youthId, a.kind, a.monday])).toEqual([
      ['ana', 'week-under-target', '2025-02-24'],
      ['bea', 'week-under-target', '2025-02-24'],
      ['ana', 'week-at-risk', '2025-03-03'],
      ['bea', 'week-at-risk', '2025-03-03'],
    ])
    expect(queryCejAlerts(rm, { missionLocaleId: 'ml-1', counsellorId: 'c-2', asOf: '2025-03-05' })).toEqual(
      [],
    )
  })

  test('the allowance statement: one row per young person and month, in cents, with the sanction of the month', () => {
    const q = { missionLocaleId: 'ml-1', month: '2025-03' }
    expect(statementSealedBases(rm, q).map((b) => b.youthId)).toEqual(['ana', 'bea'])
    const rows = queryAllowanceStatement(rm, q, () => adult)
    expect(rows.map((r) => [r.youthId, r.daysEligible, r.baseCents, r.sanctions, r.dueCents])).toEqual([
      ['ana', 31, 56_168, ['allowance-reduced'], 42_126],
      ['bea', 31, 56_168, [], 56_168],
    ])
    expect(queryAllowanceStatement(rm, { missionLocaleId: 'ml-2', month: '2025-03' }, () => adult)).toEqual(
      [],
    )
  })

  test('the read model keeps no amount and no household status, only sealed bases', () => {
    const json = JSON.stringify([...docEntries(rm)])
    expect(json).toContain('ciphertext')
    expect(json).not.toMatch(/non-taxable|first-bracket|56168|50000|adult/)
  })

  test('property: the read model does not depend on how the streams interleave in the log', () => {
    fc.assert(
      fc.property(arbInterleaving([ana.length, bea.length, cid.length]), (order) => {
        const other = foldEvents(cejProjection, record([ana, bea, cid], order))
        expect(queryCejWeeks(other, { asOf: '2025-03-05' })).toEqual(
          queryCejWeeks(rm, { asOf: '2025-03-05' }),
        )
        expect(
          queryAllowanceStatement(other, { missionLocaleId: 'ml-1', month: '2025-03' }, () => adult),
        ).toEqual(queryAllowanceStatement(rm, { missionLocaleId: 'ml-1', month: '2025-03' }, () => adult))
      }),
      { numRuns: 50 },
    )
  })
})
