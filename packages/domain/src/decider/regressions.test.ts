import { describe, expect, test } from 'vitest'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyEvent } from '../model/events.js'
import type { JourneyState } from '../model/state.js'
import { journeyFixture } from '../testing/fixtures.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { foldJourney } from './evolve.js'
import { journeyDecider } from './journeyDecider.js'

// ---------------------------------------------------------------------------------------------
// Journeys that drifted from what happened when the rules were tried with dates a counsellor
// really types. Each example names what used to be recorded; they assert behaviour (accepted or
// refused, which facts, on which dates), not whole event lists.
// ---------------------------------------------------------------------------------------------

const j = journeyFixture()
const register = (birthDate: string, rqth = false) =>
  j.command('RegisterYouth', '2025-01-10', { counsellorId: 'c-1', birthDate, rqth, personalData: null })
const registered = register('2005-06-15')
const tick = (on: string) => j.command('ApplyTimeRules', on, {})

/** Decides a command after these events; the decision and the state it leads to. */
const decide = (history: ReadonlyArray<JourneyEvent>, command: JourneyCommand) => {
  const before = foldJourney(history)
  const decision = openingForTest(journeyDecider).decide(command, before)
  const events = decision._tag === 'Right' ? decision.right : []
  return { decision, events, after: foldJourney(events, before) }
}
const accepted = (history: ReadonlyArray<JourneyEvent>, command: JourneyCommand) => {
  const d = decide(history, command)
  if (d.decision._tag === 'Left') throw new Error(`refused: ${d.decision.left._tag}`)
  return d
}
const registeredState = (s: JourneyState) => {
  if (s.status === 'unregistered') throw new Error('not registered')
  return s
}

describe('regressions: facts dated before what they depend on', () => {
  test('a closure dated before the CEJ entry is refused (the CEJ would end before it began)', () => {
    const inCej = j.history(
      registered,
      j.command('EnterProgramme', '2025-03-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
    )
    const closing = decide(
      inCej,
      j.command('CloseJourney', '2025-02-01', { reason: 'moved-away', comment: null }),
    )
    expect(closing.decision).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'DatedBeforeProgrammeEntry', on: '2025-02-01', enteredOn: '2025-03-01' },
    })
  })

  test('no PACEA opens over a CEJ period, whatever order the commands arrive in', () => {
    const inCej = j.history(
      registered,
      j.command('CompleteDiagnostic', '2025-02-20', { comment: null }),
      j.command('EnterProgramme', '2025-03-01', { programme: 'CEJ', plannedEndOn: '2026-01-01' }),
    )
    // Closing "back in February" and reopening would leave room for a PACEA over the CEJ's dates.
    const closing = decide(
      inCej,
      j.command('CloseJourney', '2025-02-25', { reason: 'moved-away', comment: null }),
    )
    expect(closing.decision._tag).toBe('Left')
    const exit = decide(inCej, j.command('ExitProgramme', '2025-02-25', { reason: 'autonomy' }))
    expect(exit.decision._tag).toBe('Left')
  })

  test('a follow-up is never kept before it was scheduled', () => {
    const replanned = j.history(registered, j.command('CancelFollowUp', '2025-02-01', { followUpId: 'fu-1' }))
    const fu2 = registeredState(foldJourney(replanned)).followUps['fu-2']
    expect(fu2).toBeDefined()
    const kept = decide(
      replanned,
      j.command('KeepFollowUp', '2025-01-20', { followUpId: 'fu-2', comment: null }),
    )
    expect(kept.decision).toMatchObject({ _tag: 'Left', left: { _tag: 'DatedBeforeScheduling' } })
  })
})

describe('regressions: time-driven facts dated when noticed', () => {
  test('a 24-month PACEA ticked a month late still lasts 24 months', () => {
    const inPacea = j.history(
      registered,
      j.command('CompleteDiagnostic', '2025-01-15', { comment: null }),
      j.command('EnterProgramme', '2025-02-01', { programme: 'PACEA', plannedEndOn: '2027-02-01' }),
    )
    const late = accepted(inPacea, tick('2027-03-01'))
    expect(late.events.filter((e) => e.type === 'ProgrammeExited').map((e) => e.on)).toEqual(['2027-02-01'])
  })

  test('an age-out ticked two months late closes the journey on its limit, the 1st after the 26th birthday', () => {
    const young = j.history(register('1999-06-15'))
    const late = accepted(young, tick('2025-08-15'))
    expect(late.events.filter((e) => e.type === 'JourneyClosed').map((e) => e.on)).toEqual(['2025-07-01'])
    expect(registeredState(late.after).closedOn).toBe('2025-07-01')
  })
})

describe('regressions: exactly one outcome per proposal, nothing left open', () => {
  const offered = j.history(
    registered,
    j.command('OfferProposal', '2025-01-12', {
      proposalId: 'p-1',
      theme: 'housing',
      respondBy: '2025-01-31',
    }),
    j.command('AcceptProposal', '2025-01-20', { proposalId: 'p-1' }),
  )

  test('an accepted proposal never carried out expires (policy delay)', () => {
    const later = accepted(offered, tick('2025-12-31'))
    const p = registeredState(later.after).proposals['p-1']
    expect(p?.outcome).toBe('expired')
  })

  test('closing a journey gives each open proposal its one outcome', () => {
    const closed = accepted(
      offered,
      j.command('CloseJourney', '2025-02-01', { reason: 'moved-away', comment: null }),
    )
    expect(registeredState(closed.after).proposals['p-1']?.outcome).toBe('closed-without-follow-up')
  })

  test('closing a journey leaves no training "in progress"', () => {
    const inTraining = j.history(
      registered,
      j.command('StartTraining', '2025-01-15', {
        trainingId: 't-1',
        proposalId: null,
        qualifying: true,
        plannedEndOn: null,
      }),
    )
    const closed = accepted(
      inTraining,
      j.command('CloseJourney', '2025-02-01', { reason: 'qualifying-training', comment: null }),
    )
    expect(registeredState(closed.after).situations['t-1']?.endedOn).toBe('2025-02-01')
    expect(closed.events.map((e) => e.type)).toContain('SituationOngoingAtExit')
  })
})

describe('regressions: the next follow-up', () => {
  // fu-1, due on 2025-02-09, was never held: it is overdue, and stale.
  const stale = j.history(registered, tick('2025-02-09'))

  test('after a contact, a stale overdue follow-up does not stand in for the next one', () => {
    const contact = accepted(
      stale,
      j.command('RecordRequest', '2025-04-12', { requestId: 'r-1', theme: 'housing', comment: null }),
    )
    // The young person must have an appointment ahead of them, not only the one missed in February.
    const ahead = contact.events.filter((e) => e.type === 'FollowUpScheduled' && e.dueOn >= '2025-04-12')
    expect(ahead.length).toBeGreaterThan(0)
  })

  test('entering a CEJ plans the weekly follow-up even when an overdue one is pending', () => {
    const cej = accepted(
      stale,
      j.command('EnterProgramme', '2025-02-20', { programme: 'CEJ', plannedEndOn: '2026-02-01' }),
    )
    const planned = cej.events.flatMap((e) =>
      e.type === 'FollowUpScheduled' && e.on === '2025-02-20' ? [e.dueOn] : [],
    )
    expect(planned).toEqual(['2025-02-27'])
  })
})

describe('regressions: RQTH and erasure', () => {
  test('outside a CEJ, a young person with RQTH ages out at 26 (the extension to 30 is for the CEJ only)', () => {
    const rqth = j.history(register('1999-06-15', true))
    const late = accepted(rqth, tick('2025-07-01'))
    expect(late.events.filter((e) => e.type === 'JourneyClosed').map((e) => e.on)).toEqual(['2025-07-01'])
  })

  test('a journey is not reopened after its personal data was erased', () => {
    const erased = j.history(
      registered,
      j.command('CloseJourney', '2025-03-01', { reason: 'moved-away', comment: null }),
      j.command('ErasePersonalData', '2025-04-01', {}),
    )
    const reopening = decide(erased, j.command('ReopenJourney', '2025-09-01', { counsellorId: 'c-2' }))
    expect(reopening.decision._tag).toBe('Left')
  })
})
