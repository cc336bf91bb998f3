import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { monthlyAmountOn } from '../cej/allowance.js'
import { statementRowOf } from '../cej/allowanceStatement.js'
import { allowanceTable } from '../cej/allowanceTable.js'
import { cejLedgerOf } from '../cej/cejLedger.js'
import { cejWeeks } from '../cej/cejWeeks.js'
import { defaultCejHoursPolicy } from '../cej/hoursPolicy.js'
import { addDays, addMonths, monthOf } from '../model/calendar.js'
import type { JourneyCommand } from '../model/commands.js'
import type { JourneyEvent } from '../model/events.js'
import type { LocalDate } from '../model/localDate.js'
import type { JourneyState } from '../model/state.js'
import { arbLocalDate } from '../testing/arbitraries.js'
import { arbAllowanceBasis } from '../testing/cejArbitraries.js'
import { fakeSealed, journeyFixture } from '../testing/fixtures.js'
import { openingForTest } from '../testing/openedAgeLimits.js'
import { foldJourney } from './evolve.js'
import { journeyDecider as strictDecider } from './journeyDecider.js'

// Decided behind the test shell that opens the age limits the registration sealed.
const journeyDecider = openingForTest(strictDecider)

// ---------------------------------------------------------------------------------------------
// The CEJ's engagement under arbitrary runs: a young person in a CEJ, then breaches, hearings,
// sanctions, activities, allowance reviews, kept appointments and ticks, in any mix, some dated
// after the fact (back to the CEJ's entry), ticks sometimes months late.
// ---------------------------------------------------------------------------------------------

const j = journeyFixture()
const start = '2025-01-06' as LocalDate
const base = [
  j.command('RegisterYouth', '2025-01-06', {
    counsellorId: 'c-1',
    birthDate: '2003-05-05',
    rqth: false,
    personalData: null,
  }),
  j.command('EnterProgramme', '2025-01-06', { programme: 'CEJ', plannedEndOn: '2026-01-05' }),
  j.command('SetCejAllowance', '2025-01-06', {
    household: { householdTaxStatus: 'non-taxable', allowanceTerritory: 'general', adultOn: null },
    rsa: false,
    primeActivite: false,
    personalData: fakeSealed(),
  }),
]

type Step = {
  readonly make: (on: string, n: number) => ReadonlyArray<JourneyCommand> | JourneyCommand
  readonly advance: number
  readonly backdate: number
}

const breachId = fc.constantFrom('b-1', 'b-2', 'b-3', 'b-4', 'b-5')
const arbStep: fc.Arbitrary<Step> = fc.record({
  make: fc.oneof(
    // A whole breach: recorded, heard a few days later, sanctioned (or not) a few days after.
    fc
      .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.boolean())
      .map(([heard, decided, upheld]) => (on: string, n: number) => {
        const b = `bb-${n}`
        const heardOn = addDays(on as LocalDate, heard)
        return [
          j.command('RecordCejBreach', on, { breachId: b, kind: 'unjustified-absence' }),
          j.command('RecordCejHearing', heardOn, {
            breachId: b,
            outcome: upheld ? 'breach-upheld' : 'breach-justified',
          }),
          j.command('DecideCejSanction', addDays(heardOn, decided), { breachId: b }),
        ]
      }),
    breachId.map(
      (b) => (on: string) => j.command('RecordCejBreach', on, { breachId: b, kind: 'missed-commitment' }),
    ),
    fc.tuple(breachId, fc.constantFrom('breach-upheld', 'breach-upheld', 'breach-justified')).map(
      ([b, outcome]) =>
        (on: string) =>
          j.command('RecordCejHearing', on, { breachId: b, outcome: outcome }),
    ),
    breachId.map((b) => (on: string) => j.command('DecideCejSanction', on, { breachId: b })),
    fc.constant((on: string) => j.command('ApplyTimeRules', on, {})),
    fc
      .tuple(fc.constantFrom('a-1', 'a-2'), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 40 }))
      .map(
        ([a, h, len]) =>
          (on: string) =>
            j.command('DeclareActivity', on, {
              activityId: a,
              kind: 'training',
              startsOn: on,
              endsOn: addDays(on as LocalDate, len),
              hoursPerWeek: h,
            }),
      ),
    fc.constant((on: string) =>
      j.command('ShortenCejWaitingPeriod', on, { endsOn: addMonths(on as LocalDate, 1) }),
    ),
    fc.constant((on: string) =>
      j.command('EnterProgramme', on, { programme: 'CEJ', plannedEndOn: addMonths(on as LocalDate, 10) }),
    ),
  ),
  advance: fc.integer({ min: 0, max: 40 }),
  backdate: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 60 })),
})

interface Run {
  readonly events: ReadonlyArray<JourneyEvent>
  readonly state: JourneyState
  readonly last: LocalDate
}

const run = (steps: ReadonlyArray<Step>): Run => {
  const events: JourneyEvent[] = []
  let state = journeyDecider.initialState
  const accept = (c: JourneyCommand) => {
    const d = journeyDecider.decide(c, state)
    if (d._tag === 'Left') return
    events.push(...d.right)
    state = d.right.reduce(journeyDecider.evolve, state)
  }
  base.forEach(accept)
  let cursor = start
  steps.forEach((s, n) => {
    cursor = addDays(cursor, s.advance)
    const on = s.backdate === 0 ? cursor : addDays(cursor, -s.backdate)
    const made = s.make(on < start ? start : on, n)
    ;(Array.isArray(made) ? made : [made]).forEach(accept)
  })
  return { events, state, last: cursor }
}

const of = <T extends JourneyEvent['type']>(events: ReadonlyArray<JourneyEvent>, type: T) =>
  events.filter((e): e is Extract<JourneyEvent, { type: T }> => e.type === type)

const arbRun = fc.array(arbStep, { minLength: 3, maxLength: 40 }).map(run)
const runs = { numRuns: 200 }

describe('the CEJ engagement (properties)', () => {
  test('the generated runs reach sanctions of every rung, terminations and back-dated facts', () => {
    const sample = fc.sample(arbRun, { numRuns: 300, seed: 14 })
    const ranks = sample.map((r) => of(r.events, 'CejSanctionDecided').length)
    expect(ranks.filter((n) => n >= 1).length).toBeGreaterThan(30)
    expect(ranks.filter((n) => n >= 3).length).toBeGreaterThan(3)
    expect(
      sample.filter((r) => r.events.some((e, i) => i > 0 && e.on < r.events[i - 1]!.on)).length,
    ).toBeGreaterThan(30)
  })

  test('property: a sanction never precedes its hearing, and a hearing never its breach; only upheld breaches are sanctioned', () => {
    fc.assert(
      fc.property(arbRun, ({ events }) => {
        for (const s of of(events, 'CejSanctionDecided')) {
          const h = of(events, 'CejHearingHeld').find((x) => x.breachId === s.breachId)
          const b = of(events, 'CejBreachRecorded').find((x) => x.breachId === s.breachId)
          expect(h?.outcome).toBe('breach-upheld')
          expect(b!.on <= h!.on && h!.on <= s.on).toBe(true)
          expect(s.effectiveOn > s.on && s.effectiveOn.endsWith('-01')).toBe(true)
        }
      }),
      runs,
    )
  })

  test('property: three sanctions always end the contract, by the 1st of the month after the third', () => {
    fc.assert(
      fc.property(arbRun, ({ events, state }) => {
        const tick = journeyDecider.decide(j.command('ApplyTimeRules', '2027-12-31', {}), state)
        const all = [...events, ...(tick._tag === 'Right' ? tick.right : [])]
        const ledger = cejLedgerOf(all, defaultCejHoursPolicy)
        for (const c of ledger.contracts) {
          expect(c.sanctions.map((s) => s.rank)).toEqual(c.sanctions.map((_, i) => i + 1))
          const third = c.sanctions[2]
          if (third === undefined) continue
          expect(third.sanction).toBe('contract-terminated')
          expect(c.exitedOn !== null && c.exitedOn <= third.effectiveOn).toBe(true)
          expect(c.sanctions.length).toBe(3)
        }
      }),
      runs,
    )
  })

  test('property: the amount due for a month never exceeds that month’s amount, and is never negative', () => {
    fc.assert(
      fc.property(
        arbRun,
        arbAllowanceBasis(arbLocalDate({ min: '2025-01-07' as LocalDate })),
        ({ events, last }, basis) => {
          const ledger = cejLedgerOf(events, defaultCejHoursPolicy)
          for (let m = start; m <= addMonths(last, 1); m = addMonths(m, 1)) {
            const row = statementRowOf(ledger, monthOf(m), () => basis, allowanceTable)
            if (row === null || row.dueCents === null || row.baseCents === null) continue
            const full = monthlyAmountOn(allowanceTable, basis, `${monthOf(m)}-01` as LocalDate)!.cents
            expect(Number.isInteger(row.dueCents)).toBe(true)
            expect(row.dueCents).toBeGreaterThanOrEqual(0)
            expect(row.dueCents).toBeLessThanOrEqual(row.baseCents)
            expect(row.baseCents).toBeLessThanOrEqual(full * row.contracts.length)
            expect(row.daysEligible).toBeLessThanOrEqual(row.daysInMonth)
          }
        },
      ),
      runs,
    )
  })

  test('property: ticking every day or once, late, records the same facts on the same dates (terminations included)', () => {
    fc.assert(
      fc.property(arbRun, fc.integer({ min: 1, max: 70 }), ({ state, last }, days) => {
        const until = addDays(last, days)
        const once = journeyDecider.decide(j.command('ApplyTimeRules', until, {}), state)
        let daily = state
        const dailyEvents: JourneyEvent[] = []
        for (let on = addDays(last, 1); on <= until; on = addDays(on, 1)) {
          const d = journeyDecider.decide(j.command('ApplyTimeRules', on, {}), daily)
          if (d._tag === 'Left') continue
          dailyEvents.push(...d.right)
          daily = d.right.reduce(journeyDecider.evolve, daily)
        }
        expect(once._tag === 'Right' ? once.right : []).toEqual(dailyEvents)
      }),
      { numRuns: 60 },
    )
  })

  test('property: replaying the events rebuilds the state; validated hours never exceed declared ones', () => {
    fc.assert(
      fc.property(arbRun, ({ events, state, last }) => {
        expect(foldJourney(events)).toEqual(state)
        for (const w of cejWeeks(cejLedgerOf(events, defaultCejHoursPolicy), last, defaultCejHoursPolicy)) {
          expect(w.validatedMinutes).toBeLessThanOrEqual(w.declaredMinutes)
          expect(w.underTarget).toBe(w.complete && w.validatedMinutes < 900)
        }
      }),
      runs,
    )
  })
})
