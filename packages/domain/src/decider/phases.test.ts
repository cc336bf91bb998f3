import { describe, expect, test } from 'vitest'
import { journeyFixture } from '../testing/fixtures.js'
import { given, givenDecider } from '../testing/givenWhenThen.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { foldJourney } from './evolve.js'
import { createJourneyDecider } from './journeyDecider.js'

const j = journeyFixture()
const registered = j.command('RegisterYouth', '2025-01-10', {
  counsellorId: 'c-1',
  birthDate: '2005-06-15',
  rqth: false,
  personalData: null,
})
const diagnostic = j.command('CompleteDiagnostic', '2025-01-15', { comment: null })
const pacea = j.command('EnterProgramme', '2025-02-01', { programme: 'PACEA', plannedEndOn: '2026-02-01' })
const inPacea = [registered, diagnostic, pacea]
const startPhase = (on: string, phaseId: string, plannedEndOn: string) =>
  j.command('StartPaceaPhase', on, { phaseId, plannedEndOn })
const endPhase = (on: string, phaseId: string) => j.command('EndPaceaPhase', on, { phaseId })

describe('PACEA phases', () => {
  test('a phase starts in the open PACEA and ends', () => {
    given(j.history(...inPacea))
      .when(startPhase('2025-02-10', 'ph-1', '2025-06-30'))
      .thenEndsWith([
        j.event('PaceaPhaseStarted', '2025-02-10', { phaseId: 'ph-1', plannedEndOn: '2025-06-30' }),
        // fu-1 was due on 2025-02-09: a stale follow-up is not the next one
        j.event('FollowUpScheduled', '2025-02-10', {
          followUpId: 'fu-2',
          dueOn: '2025-03-12',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
    given(j.history(...inPacea, startPhase('2025-02-10', 'ph-1', '2025-06-30')))
      .when(endPhase('2025-06-30', 'ph-1'))
      .thenEndsWith([j.event('PaceaPhaseEnded', '2025-06-30', { phaseId: 'ph-1' })])
  })

  test('a phase needs an open PACEA', () => {
    given(j.history(registered))
      .when(startPhase('2025-02-10', 'ph-1', '2025-03-01'))
      .thenError({ _tag: 'NoOpenPacea', openProgramme: null })
    given(
      j.history(
        registered,
        j.command('EnterProgramme', '2025-02-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
      ),
    )
      .when(startPhase('2025-02-10', 'ph-1', '2025-03-01'))
      .thenError({ _tag: 'NoOpenPacea', openProgramme: 'CEJ' })
    given(j.history(...inPacea, j.command('ExitProgramme', '2025-03-01', { reason: 'autonomy' })))
      .when(startPhase('2025-03-02', 'ph-1', '2025-04-01'))
      .thenError('NoOpenPacea')
  })

  test('the first phase starts within 1 month of the signature', () => {
    given(j.history(...inPacea))
      .when(startPhase('2025-03-01', 'ph-1', '2025-06-30'))
      .thenEndsWith([
        j.event('PaceaPhaseStarted', '2025-03-01', { phaseId: 'ph-1', plannedEndOn: '2025-06-30' }),
      ])
    given(j.history(...inPacea))
      .when(startPhase('2025-03-02', 'ph-1', '2025-06-30'))
      .thenError({
        _tag: 'FirstPhaseTooLate',
        on: '2025-03-02',
        signedOn: '2025-02-01',
        latestOn: '2025-03-01',
      })
  })

  test('the delay of the first phase is policy; later phases have none', () => {
    givenDecider(openingForTest(createJourneyDecider({ paceaFirstPhaseWithinMonths: 2 })))(
      j.history(...inPacea),
    )
      .when(startPhase('2025-04-01', 'ph-1', '2025-06-30'))
      .thenEndsWith([
        j.event('PaceaPhaseStarted', '2025-04-01', { phaseId: 'ph-1', plannedEndOn: '2025-06-30' }),
      ])
    given(
      j.history(...inPacea, startPhase('2025-02-10', 'ph-1', '2025-03-31'), endPhase('2025-03-31', 'ph-1')),
    )
      .when(startPhase('2025-09-01', 'ph-2', '2025-12-31'))
      .thenEndsWith([
        j.event('PaceaPhaseStarted', '2025-09-01', { phaseId: 'ph-2', plannedEndOn: '2025-12-31' }),
      ])
  })

  test('one phase at a time: a running phase is ended first, and the next never starts before it ended', () => {
    const running = [...inPacea, startPhase('2025-02-10', 'ph-1', '2025-06-30')]
    given(j.history(...running))
      .when(startPhase('2025-03-01', 'ph-2', '2025-06-30'))
      .thenError({ _tag: 'PhaseAlreadyRunning', phaseId: 'ph-1', startedOn: '2025-02-10' })
    given(j.history(...running, endPhase('2025-04-01', 'ph-1')))
      .when(startPhase('2025-03-15', 'ph-2', '2025-06-30'))
      .thenError({ _tag: 'PhasesOverlap', on: '2025-03-15', previousEndOn: '2025-04-01' })
    given(j.history(...running, endPhase('2025-04-01', 'ph-1')))
      .when(startPhase('2025-04-02', 'ph-1', '2025-06-30'))
      .thenError({ _tag: 'DuplicatePhase', phaseId: 'ph-1' })
  })

  test("a phase's planned end is not past the PACEA's planned end, nor before its start", () => {
    given(j.history(...inPacea))
      .when(startPhase('2025-02-10', 'ph-1', '2026-02-02'))
      .thenError({
        _tag: 'PhaseEndsAfterProgramme',
        plannedEndOn: '2026-02-02',
        programmePlannedEndOn: '2026-02-01',
      })
    given(j.history(...inPacea))
      .when(startPhase('2025-02-10', 'ph-1', '2026-02-01'))
      .thenEndsWith([
        j.event('PaceaPhaseStarted', '2025-02-10', { phaseId: 'ph-1', plannedEndOn: '2026-02-01' }),
        // fu-1 was due on 2025-02-09: a stale follow-up is not the next one
        j.event('FollowUpScheduled', '2025-02-10', {
          followUpId: 'fu-2',
          dueOn: '2025-03-12',
          kind: 'individual-interview',
          counsellorId: 'c-1',
        }),
      ])
    given(j.history(...inPacea))
      .when(startPhase('2025-02-10', 'ph-1', '2025-02-09'))
      .thenError({ _tag: 'EndBeforeStart', startOn: '2025-02-10', endOn: '2025-02-09' })
    given(j.history(...inPacea))
      .when(startPhase('2025-01-31', 'ph-1', '2025-03-01'))
      .thenError('DatedBeforeProgrammeEntry')
  })

  test('a phase ends once, not before its start, and only a started one', () => {
    const running = [...inPacea, startPhase('2025-02-10', 'ph-1', '2025-06-30')]
    given(j.history(...running))
      .when(endPhase('2025-02-09', 'ph-1'))
      .thenError({ _tag: 'EndBeforeStart', startOn: '2025-02-10', endOn: '2025-02-09' })
    given(j.history(...running))
      .when(endPhase('2025-03-01', 'ph-9'))
      .thenError({ _tag: 'UnknownPhase', phaseId: 'ph-9' })
    given(j.history(...running, endPhase('2025-03-01', 'ph-1')))
      .when(endPhase('2025-03-02', 'ph-1'))
      .thenError({ _tag: 'PhaseAlreadyEnded', endedOn: '2025-03-01' })
  })

  test('a running phase ends with its PACEA', () => {
    const exited = j.history(
      ...inPacea,
      startPhase('2025-02-10', 'ph-1', '2025-06-30'),
      j.command('ExitProgramme', '2025-05-01', { reason: 'autonomy' }),
    )
    expect(exited.map((e) => e.type)).not.toContain('PaceaPhaseEnded')
    const state = foldJourney(exited)
    expect(state.status === 'open' && state.phases['ph-1']).toEqual({
      startedOn: '2025-02-10',
      plannedEndOn: '2025-06-30',
      endedOn: '2025-05-01',
    })
    given(exited)
      .when(endPhase('2025-05-02', 'ph-1'))
      .thenError({ _tag: 'PhaseAlreadyEnded', endedOn: '2025-05-01' })
  })

  test('a new PACEA has its own first-phase delay', () => {
    const again = [
      ...inPacea,
      startPhase('2025-02-10', 'ph-1', '2025-06-30'),
      j.command('ExitProgramme', '2025-05-01', { reason: 'youth-request' }),
      j.command('CompleteDiagnostic', '2025-06-01', { comment: null }),
      j.command('EnterProgramme', '2025-06-02', { programme: 'PACEA', plannedEndOn: '2026-06-01' }),
    ]
    given(j.history(...again))
      .when(startPhase('2025-07-03', 'ph-2', '2025-09-01'))
      .thenError({ _tag: 'FirstPhaseTooLate', latestOn: '2025-07-02' })
    given(j.history(...again))
      .when(startPhase('2025-07-02', 'ph-2', '2025-09-01'))
      .thenEndsWith([
        j.event('PaceaPhaseStarted', '2025-07-02', { phaseId: 'ph-2', plannedEndOn: '2025-09-01' }),
      ])
  })
})
