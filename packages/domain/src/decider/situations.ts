import type { SituationId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { RegisteredJourney } from '../model/state.js'
import { entryOf } from '../model/state.js'
import type { ContractType } from '../model/vocabulary.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import type { Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// Situations: training and employment, each with a unique id and an end never before its start.
// ---------------------------------------------------------------------------------------------

/** Whether an employment counts as durable: CDI, apprenticeship, or a CDD over the policy's months. */
const isDurableEmployment = (
  contract: ContractType,
  durationMonths: number | null,
  policy: JourneyPolicy,
): boolean =>
  contract === 'CDI' ||
  contract === 'apprenticeship' ||
  (contract === 'CDD' && durationMonths !== null && durationMonths > policy.durableCddOverMonths)

/** Refuses a situation id already taken by any situation of the journey. */
export const refuseDuplicateSituation = (s: RegisteredJourney, id: SituationId): Decision | null =>
  entryOf(s.situations, id) !== undefined ? refuse({ _tag: 'DuplicateSituation', situationId: id }) : null

/** Start a training; from a proposal, that proposal is training or apprenticeship, accepted or carried out (policy). */
export const startTraining: Rule<'StartTraining'> = (c, s) => {
  const duplicate = refuseDuplicateSituation(s, c.trainingId)
  if (duplicate !== null) return duplicate
  if (c.proposalId !== null) {
    const p = entryOf(s.proposals, c.proposalId)
    if (p === undefined) return refuse({ _tag: 'UnknownProposal', proposalId: c.proposalId })
    if (p.theme !== 'training' && p.theme !== 'apprenticeship')
      return refuse({ _tag: 'NotATrainingProposal', proposalId: c.proposalId, theme: p.theme })
    if (p.status !== 'accepted' && p.outcome !== 'carried-out')
      return refuse({ _tag: 'ProposalNotAccepted', proposalId: c.proposalId })
    if (c.on < p.offeredOn)
      return refuse({ _tag: 'DatedBeforeOffer', proposalId: c.proposalId, on: c.on, offeredOn: p.offeredOn })
  }
  if (c.plannedEndOn !== null && c.plannedEndOn < c.on)
    return refuse({ _tag: 'EndBeforeStart', startOn: c.on, endOn: c.plannedEndOn })
  return accept({
    type: 'TrainingStarted',
    ...stamp(s, c.on),
    trainingId: c.trainingId,
    proposalId: c.proposalId,
    qualifying: c.qualifying,
    plannedEndOn: c.plannedEndOn,
    training: c.training ?? null,
  })
}

/** Start an employment; a CDD needs its duration, and durability is derived. */
export const startEmployment: Rule<'StartEmployment'> = (c, s, policy) => {
  const duplicate = refuseDuplicateSituation(s, c.employmentId)
  if (duplicate !== null) return duplicate
  if (c.durationMonths !== null && (!Number.isInteger(c.durationMonths) || c.durationMonths < 1))
    return refuse({ _tag: 'InvalidDuration', durationMonths: c.durationMonths })
  if (c.contract === 'CDD' && c.durationMonths === null)
    return refuse({ _tag: 'DurationRequired', contract: c.contract })
  if (c.proposalId !== null) {
    const p = entryOf(s.proposals, c.proposalId)
    if (p === undefined) return refuse({ _tag: 'UnknownProposal', proposalId: c.proposalId })
    if (c.on < p.offeredOn)
      return refuse({ _tag: 'DatedBeforeOffer', proposalId: c.proposalId, on: c.on, offeredOn: p.offeredOn })
  }
  return accept({
    type: 'EmploymentStarted',
    ...stamp(s, c.on),
    employmentId: c.employmentId,
    proposalId: c.proposalId,
    contract: c.contract,
    durationMonths: c.durationMonths,
    durable: isDurableEmployment(c.contract, c.durationMonths, policy),
  })
}

const endable = (
  s: RegisteredJourney,
  id: SituationId,
  kind: 'training' | 'employment',
  on: LocalDate,
): Decision | null => {
  const x = entryOf(s.situations, id)
  if (x === undefined || x.kind !== kind) return refuse({ _tag: 'UnknownSituation', situationId: id, kind })
  if (x.endedOn !== null)
    return refuse({ _tag: 'SituationAlreadyEnded', situationId: id, endedOn: x.endedOn })
  if (on < x.startedOn) return refuse({ _tag: 'EndBeforeStart', startOn: x.startedOn, endOn: on })
  return null
}

/** End a training in progress. */
export const endTraining: Rule<'EndTraining'> = (c, s) =>
  endable(s, c.trainingId, 'training', c.on) ??
  accept({ type: 'TrainingEnded', ...stamp(s, c.on), trainingId: c.trainingId, result: c.result })

/** End an employment in progress. */
export const endEmployment: Rule<'EndEmployment'> = (c, s) =>
  endable(s, c.employmentId, 'employment', c.on) ??
  accept({ type: 'EmploymentEnded', ...stamp(s, c.on), employmentId: c.employmentId })
