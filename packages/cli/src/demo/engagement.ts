import {
  addDays,
  birthday,
  weekOf,
  type ActivityId,
  type ActivityKind,
  type BreachId,
  type HouseholdTaxStatus,
  type LocalDate,
  type Prng,
  type RegisteredJourney,
} from '@parcours/domain'
import { openJourney, seal, send, type AgentContext } from './agentContext.js'
import { calibration } from './calibration.js'
import type { Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// the CEJ's engagement in the simulation: the allowance at signature, activities declared in
// blocks of whole weeks at a contact and validated at a later one, a missed appointment now and
// then recorded as a breach, heard at the next contact and sanctioned when upheld. The hours of a
// week also count what the simulator does anyway: kept appointments, sessions, proposals.
// ---------------------------------------------------------------------------------------------

// A generator of its own for each step, so the rest of the simulation draws what it drew before.
const rngOf = (y: Youth, step: string, journey: RegisteredJourney): Prng =>
  y.rng.fork(
    `cej-${step}-${Object.keys(journey.cej.activities).length}-${Object.keys(journey.cej.breaches).length}`,
  )

const inCej = (y: Youth): RegisteredJourney | null => {
  const j = openJourney(y)
  return j !== null && j.programme?.programme === 'CEJ' ? j : null
}

/** At the CEJ's signature: the allowance, its basis sealed (a household beyond the first bracket gets none). */
export const signCej = async (ctx: AgentContext, y: Youth, on: LocalDate): Promise<void> => {
  const journey = inCej(y)
  if (journey === null) return
  const rng = rngOf(y, 'allowance', journey)
  const householdTaxStatus: HouseholdTaxStatus = rng.weighted(calibration.cej.households)
  if (householdTaxStatus === 'taxable-beyond-first-bracket') return
  const adultOn = birthday(y.person.birthDate, 18)
  const household = {
    householdTaxStatus,
    allowanceTerritory: 'general' as const,
    adultOn: adultOn > on ? adultOn : null,
  }
  const personalData = await seal(ctx, y, {
    householdTaxStatus,
    allowanceTerritory: 'general',
    ...(household.adultOn === null ? {} : { adultOn: household.adultOn }),
  })
  await send(ctx, y, on, {
    type: 'SetCejAllowance',
    household,
    rsa: false,
    primeActivite: false,
    personalData,
  })
}

const kinds: ReadonlyArray<readonly [ActivityKind, number]> = [
  ['training', 40],
  ['immersion', 20],
  ['other-activity', 40],
]

/**
 * At a contact in a CEJ: the counsellor validates what was declared and has started, hears the
 * young person about a breach still unheard (and sanctions it when upheld), and declares the next
 * block of activity when the current one ends within four weeks.
 */
export const engageAtContact = async (ctx: AgentContext, y: Youth, on: LocalDate): Promise<void> => {
  let journey = inCej(y)
  if (journey === null) return
  for (const [id, a] of Object.entries(journey.cej.activities).sort(([p], [q]) => (p < q ? -1 : 1)))
    if (a.validatedOn === null && a.startsOn <= on && a.declaredOn <= on) {
      const rng = rngOf(y, `validate-${id}`, journey)
      const hours = rng.chance(calibration.cej.validatedAsDeclared)
        ? a.declaredHoursPerWeek
        : Math.max(0, a.declaredHoursPerWeek - rng.int(3, 10))
      await send(ctx, y, on, { type: 'ValidateActivity', activityId: id as ActivityId, hoursPerWeek: hours })
    }
  journey = inCej(y)
  if (journey === null) return
  for (const [id, b] of Object.entries(journey.cej.breaches).sort(([p], [q]) => (p < q ? -1 : 1)))
    if (b.heardOn === null && b.recordedOn <= on) {
      const upheld = rngOf(y, `hearing-${id}`, journey).chance(calibration.cej.breachUpheld)
      const breachId = id as BreachId
      if (
        !(await send(ctx, y, on, {
          type: 'RecordCejHearing',
          breachId,
          outcome: upheld ? 'breach-upheld' : 'breach-justified',
        }))
      )
        continue
      if (upheld) await send(ctx, y, on, { type: 'DecideCejSanction', breachId })
    }
  journey = inCej(y)
  if (journey === null || journey.programme === null) return
  const lastEnd = Object.values(journey.cej.activities).reduce<LocalDate | null>(
    (m, a) => (m === null || a.endsOn > m ? a.endsOn : m),
    null,
  )
  if (lastEnd !== null && lastEnd >= addDays(on, calibration.cej.declareAheadDays)) return
  const rng = rngOf(y, 'declare', journey)
  // Blocks of whole weeks, from the next Monday after today and after the last block.
  const after = lastEnd === null || lastEnd < on ? on : lastEnd
  const startsOn = addDays(weekOf(after), 7)
  const endsOn = addDays(
    startsOn,
    7 * rng.int(calibration.cej.blockWeeks[0], calibration.cej.blockWeeks[1]) - 1,
  )
  if (startsOn >= journey.programme.plannedEndOn) return
  const low = rng.chance(calibration.cej.lowBlockChance[y.profile.track])
  const [min, max] = low ? calibration.cej.lowHours : calibration.cej.hours
  await send(ctx, y, on, {
    type: 'DeclareActivity',
    activityId: `act-${Object.keys(journey.cej.activities).length + 1}` as ActivityId,
    kind: rng.weighted(kinds),
    startsOn,
    endsOn: endsOn < journey.programme.plannedEndOn ? endsOn : addDays(journey.programme.plannedEndOn, -1),
    hoursPerWeek: rng.int(min, max),
  })
}

/** A missed appointment in a CEJ is sometimes recorded as a breach (unjustified absence). */
export const breachOnMiss = async (ctx: AgentContext, y: Youth, on: LocalDate): Promise<void> => {
  const journey = inCej(y)
  if (journey === null || journey.cej.terminationOn !== null) return
  if (!rngOf(y, 'breach', journey).chance(calibration.cej.breachOnMiss)) return
  await send(ctx, y, on, {
    type: 'RecordCejBreach',
    breachId: `br-${Object.keys(journey.cej.breaches).length + 1}` as BreachId,
    kind: 'unjustified-absence',
  })
}
