import { addMonths } from '../model/calendar.js'
import type { SituationId } from '../model/ids.js'
import type { RegisteredJourney, SituationState } from '../model/state.js'
import { entryOf } from '../model/state.js'
import type { OtherSituationKind } from '../model/vocabulary.js'
import type { Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'
import { refuseDuplicateSituation } from './situations.js'

// ---------------------------------------------------------------------------------------------
// Other situations: immersion (PMSMP: 1 month at most, renewable once, policy), volunteering and
// schooling. Each has a unique id among all situations, a planned end never before its start.
// ---------------------------------------------------------------------------------------------

const isOther = (x: SituationState): x is SituationState & { readonly kind: OtherSituationKind } =>
  x.kind === 'immersion' || x.kind === 'volunteering' || x.kind === 'schooling'

/** Start an immersion, a volunteering or a schooling. */
export const startSituation: Rule<'StartSituation'> = (c, s, policy) => {
  const duplicate = refuseDuplicateSituation(s, c.situationId)
  if (duplicate !== null) return duplicate
  if (c.plannedEndOn < c.on) return refuse({ _tag: 'EndBeforeStart', startOn: c.on, endOn: c.plannedEndOn })
  if (c.kind === 'immersion') {
    const latestEndOn = addMonths(c.on, policy.immersionMaxMonths)
    if (c.plannedEndOn > latestEndOn)
      return refuse({
        _tag: 'ImmersionTooLong',
        maxMonths: policy.immersionMaxMonths,
        plannedEndOn: c.plannedEndOn,
        latestEndOn,
      })
  }
  return accept({
    type: 'SituationStarted',
    ...stamp(s, c.on),
    situationId: c.situationId,
    kind: c.kind,
    plannedEndOn: c.plannedEndOn,
  })
}

const inProgress = (
  s: RegisteredJourney,
  id: SituationId,
  kind: OtherSituationKind | 'other',
): Decision | (SituationState & { readonly kind: OtherSituationKind }) => {
  const x = entryOf(s.situations, id)
  if (x === undefined || !isOther(x) || (kind !== 'other' && x.kind !== kind))
    return refuse({ _tag: 'UnknownSituation', situationId: id, kind })
  if (x.endedOn !== null)
    return refuse({ _tag: 'SituationAlreadyEnded', situationId: id, endedOn: x.endedOn })
  return x
}

const isDecision = (u: Decision | SituationState): u is Decision => '_tag' in u

/** End an immersion, a volunteering or a schooling in progress. */
export const endSituation: Rule<'EndSituation'> = (c, s) => {
  const x = inProgress(s, c.situationId, 'other')
  if (isDecision(x)) return x
  if (c.on < x.startedOn) return refuse({ _tag: 'EndBeforeStart', startOn: x.startedOn, endOn: c.on })
  return accept({ type: 'SituationEnded', ...stamp(s, c.on), situationId: c.situationId, kind: x.kind })
}

/** Renew an immersion in progress, once, to at most 1 month (policy) beyond its current planned end. */
export const renewImmersion: Rule<'RenewImmersion'> = (c, s, policy) => {
  const x = inProgress(s, c.situationId, 'immersion')
  if (isDecision(x)) return x
  if (c.on < x.startedOn)
    return refuse({
      _tag: 'DatedBeforeSituationStart',
      situationId: c.situationId,
      on: c.on,
      startedOn: x.startedOn,
    })
  if (x.renewedOn !== null)
    return refuse({ _tag: 'ImmersionAlreadyRenewed', situationId: c.situationId, renewedOn: x.renewedOn })
  const current = x.plannedEndOn ?? x.startedOn
  if (c.plannedEndOn <= current)
    return refuse({ _tag: 'ExtensionNotLater', plannedEndOn: c.plannedEndOn, currentPlannedEndOn: current })
  const latestEndOn = addMonths(current, policy.immersionMaxMonths)
  if (c.plannedEndOn > latestEndOn)
    return refuse({
      _tag: 'ImmersionTooLong',
      maxMonths: policy.immersionMaxMonths,
      plannedEndOn: c.plannedEndOn,
      latestEndOn,
    })
  return accept({
    type: 'ImmersionRenewed',
    ...stamp(s, c.on),
    situationId: c.situationId,
    plannedEndOn: c.plannedEndOn,
  })
}
