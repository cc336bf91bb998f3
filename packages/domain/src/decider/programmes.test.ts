import { describe, expect, test } from 'vitest'
import { daysBetween } from '../model/calendar.js'
import { journeyFixture } from '../testing/fixtures.js'
import { given } from '../testing/givenWhenThen.js'

const j = journeyFixture()
const registered = [
  j.command('RegisterYouth', '2025-01-10', {
    counsellorId: 'c-1',
    birthDate: '2005-06-15',
    rqth: false,
    personalData: null,
  }),
]
const diagnostic = j.command('CompleteDiagnostic', '2025-01-15', { comment: null })
const enter = (on: string, programme: 'PACEA' | 'CEJ', plannedEndOn: string) =>
  j.command('EnterProgramme', on, { programme, plannedEndOn })
const inCej = [...registered, enter('2025-02-01', 'CEJ', '2026-02-01')]

describe('programmes', () => {
  test('PACEA entry after a diagnostic', () => {
    given(j.history(...registered, diagnostic))
      .when(enter('2025-02-01', 'PACEA', '2026-02-01'))
      .thenEndsWith([
        j.event('ProgrammeEntered', '2025-02-01', { programme: 'PACEA', plannedEndOn: '2026-02-01' }),
      ])
  })

  test('at most one open contractual programme', () => {
    given(j.history(...inCej))
      .when(enter('2025-03-01', 'CEJ', '2025-12-01'))
      .thenError({ _tag: 'ProgrammeAlreadyOpen', programme: 'CEJ', enteredOn: '2025-02-01' })
  })

  test('a CEJ and a PACEA never overlap', () => {
    given(
      j.history(...inCej, diagnostic, j.command('ExitProgramme', '2025-06-01', { reason: 'youth-request' })),
    )
      .when(enter('2025-05-20', 'CEJ', '2026-01-01'))
      .thenError({ _tag: 'ProgrammesOverlap', on: '2025-05-20', previousExitOn: '2025-06-01' })
  })

  test('PACEA needs a diagnostic', () => {
    given(j.history(...registered))
      .when(enter('2025-02-01', 'PACEA', '2026-02-01'))
      .thenError({ _tag: 'DiagnosticRequired', programme: 'PACEA' })
  })

  test('PACEA is signed within 1 month of the diagnostic', () => {
    given(j.history(...registered, diagnostic))
      .when(enter('2025-02-15', 'PACEA', '2026-02-01'))
      .thenEndsWith([
        j.event('ProgrammeEntered', '2025-02-15', { programme: 'PACEA', plannedEndOn: '2026-02-01' }),
      ])
    given(j.history(...registered, diagnostic))
      .when(enter('2025-02-16', 'PACEA', '2026-02-01'))
      .thenError({ _tag: 'DiagnosticTooOld', diagnosticOn: '2025-01-15', latestOn: '2025-02-15' })
  })

  test('PACEA lasts 24 months at most', () => {
    given(j.history(...registered, diagnostic))
      .when(enter('2025-02-01', 'PACEA', '2027-02-01'))
      .thenEndsWith([
        j.event('ProgrammeEntered', '2025-02-01', { programme: 'PACEA', plannedEndOn: '2027-02-01' }),
      ])
    given(j.history(...registered, diagnostic))
      .when(enter('2025-02-01', 'PACEA', '2027-02-02'))
      .thenError({ _tag: 'ProgrammeTooLong', programme: 'PACEA', maxMonths: 24, latestEndOn: '2027-02-01' })
  })

  test('CEJ lasts 12 months at most', () => {
    given(j.history(...registered))
      .when(enter('2025-02-01', 'CEJ', '2026-02-02'))
      .thenError({
        _tag: 'ProgrammeTooLong',
        programme: 'CEJ',
        maxMonths: 12,
        plannedEndOn: '2026-02-02',
        latestEndOn: '2026-02-01',
      })
  })

  test('the planned end is after the start', () => {
    given(j.history(...registered))
      .when(enter('2025-02-01', 'CEJ', '2025-02-01'))
      .thenError('PlannedEndNotAfterStart')
  })

  test('CEJ is extendable up to 18 months in total', () => {
    given(j.history(...inCej))
      .when(j.command('ExtendProgramme', '2025-12-01', { plannedEndOn: '2026-08-01' }))
      .thenEndsWith([
        j.event('ProgrammeExtended', '2025-12-01', { programme: 'CEJ', plannedEndOn: '2026-08-01' }),
      ])
    given(j.history(...inCej))
      .when(j.command('ExtendProgramme', '2025-12-01', { plannedEndOn: '2026-08-02' }))
      .thenError({ _tag: 'ProgrammeTooLong', programme: 'CEJ', maxMonths: 18, latestEndOn: '2026-08-01' })
  })

  test('an extension ends later than the current planned end', () => {
    given(j.history(...inCej))
      .when(j.command('ExtendProgramme', '2025-12-01', { plannedEndOn: '2026-01-15' }))
      .thenError({ _tag: 'ExtensionNotLater', currentPlannedEndOn: '2026-02-01' })
  })

  test('only a CEJ is extended', () => {
    given(j.history(...registered, diagnostic, enter('2025-02-01', 'PACEA', '2026-02-01')))
      .when(j.command('ExtendProgramme', '2025-12-01', { plannedEndOn: '2026-06-01' }))
      .thenError({ _tag: 'ExtensionOnlyForCej', programme: 'PACEA' })
    given(j.history(...registered))
      .when(j.command('ExtendProgramme', '2025-12-01', { plannedEndOn: '2026-06-01' }))
      .thenError('NoOpenProgramme')
  })

  test('CEJ is not for people in training', () => {
    given(
      j.history(
        ...registered,
        j.command('StartTraining', '2025-01-20', {
          trainingId: 's-1',
          proposalId: null,
          qualifying: true,
          plannedEndOn: null,
        }),
      ),
    )
      .when(enter('2025-02-01', 'CEJ', '2026-01-01'))
      .thenError({ _tag: 'CejWhileInTraining', trainingId: 's-1' })
  })

  test('CEJ is not for students: not while a schooling is in progress', () => {
    const school = j.command('StartSituation', '2025-01-20', {
      situationId: 'sc-1',
      kind: 'schooling',
      plannedEndOn: '2025-06-30',
    })
    given(j.history(...registered, school))
      .when(enter('2025-02-01', 'CEJ', '2026-01-01'))
      .thenError({ _tag: 'CejWhileInSchool', schoolingId: 'sc-1' })
    const left = j.history(
      ...registered,
      school,
      j.command('EndSituation', '2025-01-25', { situationId: 'sc-1' }),
    )
    expect(given(left).when(enter('2025-02-01', 'CEJ', '2026-01-01')).decision._tag).toBe('Right')
  })

  test('a young person past 26 with RQTH may enter the CEJ but not the PACEA', () => {
    const rqth = [
      j.command('RegisterYouth', '2025-01-10', {
        counsellorId: 'c-1',
        birthDate: '1997-03-01',
        rqth: true,
        personalData: null,
      }),
      diagnostic,
    ]
    given(j.history(...rqth))
      .when(enter('2025-02-01', 'PACEA', '2026-01-01'))
      .thenError({ _tag: 'ProgrammeAgeLimitReached', programme: 'PACEA', ageLimitOn: '2023-03-01' })
    given(j.history(...rqth))
      .when(enter('2025-02-01', 'CEJ', '2026-01-01'))
      .thenEndsWith([
        j.event('ProgrammeEntered', '2025-02-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
        j.event('FollowUpScheduled', '2025-02-01', {
          followUpId: 'fu-2',
          dueOn: '2025-02-08',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
  })

  test('exit of the open programme with its reason', () => {
    given(j.history(...inCej))
      .when(j.command('ExitProgramme', '2025-09-01', { reason: 'autonomy' }))
      .thenEndsWith([j.event('ProgrammeExited', '2025-09-01', { programme: 'CEJ', reason: 'autonomy' })])
    given(j.history(...inCej))
      .when(j.command('ExitProgramme', '2025-01-20', { reason: 'autonomy' }))
      .thenError('DatedBeforeProgrammeEntry')
    given(j.history(...registered))
      .when(j.command('ExitProgramme', '2025-09-01', { reason: 'autonomy' }))
      .thenError('NoOpenProgramme')
  })

  test('follow-ups are weekly during the first 3 months of a CEJ (policy), then within 30 days', () => {
    const firstKept = [
      ...inCej,
      j.command('KeepFollowUp', '2025-02-05', { followUpId: 'fu-1', comment: null }),
    ]
    given(j.history(...firstKept))
      .when(j.command('KeepFollowUp', '2025-02-08', { followUpId: 'fu-2', comment: null }))
      .thenEndsWith([
        j.event('FollowUpKept', '2025-02-08', { followUpId: 'fu-2', comment: null }),
        j.event('FollowUpScheduled', '2025-02-08', {
          followUpId: 'fu-3',
          dueOn: '2025-02-15',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
    // Left alone, the clock plans the next follow-up the day after the last one passed, at the
    // cadence of that day: weekly until 2025-05-01 (3 months into the CEJ), then within 30 days.
    const tick = given(j.history(...firstKept)).when(j.command('ApplyTimeRules', '2025-06-30', {}))
    expect(tick.decision._tag).toBe('Right')
    const planned = (tick.decision._tag === 'Right' ? tick.decision.right : []).flatMap((e) =>
      e.type === 'FollowUpScheduled' ? [{ on: e.on, days: daysBetween(e.on, e.dueOn) }] : [],
    )
    expect(planned.length).toBeGreaterThan(10)
    for (const p of planned) expect(p.days).toBe(p.on < '2025-05-01' ? 7 : 30)
    expect(planned.some((p) => p.on >= '2025-05-01')).toBe(true)
  })
})
