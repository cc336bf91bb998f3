import type { JourneyEvent } from '../model/events.js'
import type { CejEngagement, RegisteredJourney } from '../model/state.js'
import { entryOf } from '../model/state.js'

// ---------------------------------------------------------------------------------------------
// evolve, for the CEJ's engagement: activities, the allowance's last setting, breaches with their
// hearing and sanction, the termination for breaches and the waiting period that follows.
// ---------------------------------------------------------------------------------------------

const updateIn = <V>(record: Readonly<Record<string, V>>, id: string, f: (v: V) => V) => {
  const current = entryOf(record, id)
  return current === undefined ? record : { ...record, [id]: f(current) }
}

/** Folds one event into the CEJ engagement of a journey (`before` is the journey the event meets). */
export const evolveCej = (c: CejEngagement, e: JourneyEvent, before: RegisteredJourney): CejEngagement => {
  switch (e.type) {
    case 'ProgrammeEntered':
      return e.programme === 'CEJ'
        ? { ...c, allowanceSetOn: null, sanctionsInContract: 0, terminationOn: null }
        : c
    case 'ProgrammeExited':
      return e.programme === 'CEJ'
        ? {
            ...c,
            terminationOn: null,
            allowanceSetOn: null,
            ...(e.reason === 'breach' ? { lastTerminatedOn: e.on, waitingEndsOn: null } : {}),
          }
        : c
    case 'JourneyClosed':
      return before.programme?.programme === 'CEJ' ? { ...c, terminationOn: null, allowanceSetOn: null } : c
    case 'ActivityDeclared':
      return {
        ...c,
        activities: {
          ...c.activities,
          [e.activityId]: {
            kind: e.kind,
            startsOn: e.startsOn,
            endsOn: e.endsOn,
            declaredOn: e.on,
            declaredHoursPerWeek: e.hoursPerWeek,
            validatedOn: null,
            validatedHoursPerWeek: null,
          },
        },
      }
    case 'ActivityValidated':
      return {
        ...c,
        activities: updateIn(c.activities, e.activityId, (a) => ({
          ...a,
          validatedOn: e.on,
          validatedHoursPerWeek: e.hoursPerWeek,
        })),
      }
    case 'CejAllowanceSet':
      return { ...c, allowanceSetOn: e.on }
    case 'CejBreachRecorded':
      return {
        ...c,
        breaches: {
          ...c.breaches,
          [e.breachId]: {
            kind: e.kind,
            recordedOn: e.on,
            contractEnteredOn: before.programme?.enteredOn ?? e.on,
            heardOn: null,
            hearingOutcome: null,
            sanctionDecidedOn: null,
            sanction: null,
          },
        },
      }
    case 'CejHearingHeld':
      return {
        ...c,
        breaches: updateIn(c.breaches, e.breachId, (b) => ({
          ...b,
          heardOn: e.on,
          hearingOutcome: e.outcome,
        })),
      }
    case 'CejSanctionDecided':
      return {
        ...c,
        sanctionsInContract: c.sanctionsInContract + 1,
        terminationOn: e.sanction === 'contract-terminated' ? e.effectiveOn : c.terminationOn,
        breaches: updateIn(c.breaches, e.breachId, (b) => ({
          ...b,
          sanctionDecidedOn: e.on,
          sanction: e.sanction,
        })),
      }
    case 'CejWaitingPeriodShortened':
      return { ...c, waitingEndsOn: e.endsOn }
    default:
      return c
  }
}
