import {
  addDays,
  addMonths,
  type ContractType,
  type LocalDate,
  type ProposalId,
  type RecordableProposalOutcome,
  type SituationId,
  type Theme,
} from '@parcours/domain'
import { openJourney, send, type AgentContext } from './agentContext.js'
import { calibration } from './calibration.js'
import { startSituation } from './situations.js'
import { themeWeights, type Youth } from './youth.js'

// ---------------------------------------------------------------------------------------------
// proposals and what follows them: answers, outcomes, trainings and jobs
// ---------------------------------------------------------------------------------------------

type Plan = RecordableProposalOutcome | 'accept'

const outcomeWeights = (theme: Theme): ReadonlyArray<readonly [Plan, number]> =>
  theme === 'employment'
    ? [
        ['accept', 22],
        ['carried-out', 12],
        ['refused-by-youth', 16],
        ['refused-by-third-party', 34],
        ['expired', 16],
      ]
    : theme === 'training' || theme === 'apprenticeship'
      ? [
          ['accept', 35],
          ['carried-out', 15],
          ['refused-by-youth', 18],
          ['refused-by-third-party', 17],
          ['expired', 15],
        ]
      : [
          ['accept', 20],
          ['carried-out', 35],
          ['refused-by-youth', 20],
          ['refused-by-third-party', 10],
          ['expired', 15],
        ]

/** Offers a proposal and plans its answer (or lets it expire). */
export const offerProposal = async (ctx: AgentContext, y: Youth, on: LocalDate): Promise<void> => {
  const theme = y.rng.weighted(themeWeights(y.profile.track))
  y.proposals += 1
  const proposalId = `p-${y.proposals}` as ProposalId
  const respondBy = addDays(on, y.rng.int(10, 30))
  // A training proposal offers a session of the catalogue, most of the time. The draw has its own
  // sequence, so that the rest of the simulation is the same with a catalogue or without one.
  const draw = y.rng.fork(`catalogue-${proposalId}`)
  const training =
    (theme === 'training' || theme === 'apprenticeship') &&
    ctx.trainingSessions.length > 0 &&
    draw.chance(0.7)
      ? draw.pick(ctx.trainingSessions)
      : undefined
  // Likewise an employment or apprenticeship proposal offers a France Travail offer, half the time.
  const fromPartner = y.rng.fork(`offers-${proposalId}`)
  const partnerOffer =
    (theme === 'employment' || theme === 'apprenticeship') &&
    ctx.partnerOffers.length > 0 &&
    fromPartner.chance(0.5)
      ? fromPartner.pick(ctx.partnerOffers)
      : undefined
  const body = {
    type: 'OfferProposal' as const,
    proposalId,
    theme,
    respondBy,
    ...(training === undefined ? {} : { training }),
    ...(partnerOffer === undefined ? {} : { partnerOffer }),
  }
  if (!(await send(ctx, y, on, body))) return
  if (training !== undefined) ctx.stats.trainingProposalsFromCatalogue += 1
  if (partnerOffer !== undefined) ctx.stats.proposalsFromPartnerOffers += 1
  const plan = y.rng.weighted(outcomeWeights(theme))
  if (plan === 'expired') y.intents.push({ kind: 'tick', on: addDays(respondBy, y.rng.int(1, 10)) })
  else y.intents.push({ kind: 'answer', on: addDays(on, y.rng.int(2, 10)), proposalId, outcome: plan })
}

const nextSituationId = (y: Youth, prefix: 't' | 'e'): SituationId => {
  y.situations += 1
  return `${prefix}-${y.situations}` as SituationId
}

/** Starts a training and plans its end (and, after a qualifying one, the exit). */
export const startTraining = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  proposalId: ProposalId | null,
): Promise<void> => {
  const trainingId = nextSituationId(y, 't')
  const plannedEndOn = addMonths(on, y.rng.int(2, 10))
  const qualifying = y.rng.chance(0.6)
  if (!(await send(ctx, y, on, { type: 'StartTraining', trainingId, proposalId, qualifying, plannedEndOn })))
    return
  const abandoned = y.rng.chance(0.2)
  const endOn = abandoned ? addDays(on, y.rng.int(10, 60)) : plannedEndOn
  y.intents.push({
    kind: 'end-training',
    on: endOn,
    trainingId,
    result: abandoned ? 'abandoned' : 'completed',
  })
  // The exit for qualifying training is recorded while the training is in progress (policy).
  if (!abandoned && qualifying && y.rng.chance(calibration.qualifyingExitChance))
    y.intents.push({ kind: 'close', on: addDays(on, y.rng.int(5, 30)), reason: 'qualifying-training' })
}

/** Starts an employment and plans what follows: autonomy and a durable exit, or its end. */
export const startEmployment = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  proposalId: ProposalId | null,
  chosen?: ContractType,
): Promise<void> => {
  const contract = chosen ?? y.rng.weighted<ContractType>(calibration.contracts)
  const durationMonths =
    contract === 'CDD' ? y.rng.int(1, 12) : contract === 'apprenticeship' ? y.rng.int(12, 24) : null
  const employmentId = nextSituationId(y, 'e')
  if (
    !(await send(ctx, y, on, { type: 'StartEmployment', employmentId, proposalId, contract, durationMonths }))
  )
    return
  const journey = openJourney(y)
  const started = journey?.situations[employmentId]
  if (started?.durable === true) {
    if (journey?.programme !== null)
      y.intents.push({ kind: 'exit-programme', on: addDays(on, y.rng.int(0, 14)), reason: 'autonomy' })
    if (y.rng.chance(calibration.durableExitChance))
      y.intents.push({ kind: 'close', on: addDays(on, y.rng.int(20, 60)), reason: 'durable-employment' })
    return
  }
  const months = durationMonths ?? y.rng.int(1, 3)
  y.intents.push({ kind: 'end-employment', on: addMonths(on, months), employmentId })
  if (y.rng.chance(calibration.otherEmploymentExitChance))
    y.intents.push({
      kind: 'close',
      on: addDays(addMonths(on, months), y.rng.int(1, 20)),
      reason: 'other-employment',
    })
}

/** Answers a proposal as planned: accept (outcome later), or record its outcome. */
export const answerProposal = async (
  ctx: AgentContext,
  y: Youth,
  on: LocalDate,
  proposalId: ProposalId,
  plan: Plan,
): Promise<void> => {
  const proposal = openJourney(y)?.proposals[proposalId]
  if (proposal === undefined || proposal.outcome !== null) return
  if (plan === 'accept') {
    if (await send(ctx, y, on, { type: 'AcceptProposal', proposalId }))
      y.intents.push({
        kind: 'answer',
        on: addDays(on, y.rng.int(5, 30)),
        proposalId,
        outcome: y.rng.chance(0.85) ? 'carried-out' : 'refused-by-third-party',
      })
    return
  }
  if (!(await send(ctx, y, on, { type: 'RecordProposalOutcome', proposalId, outcome: plan }))) return
  if (plan !== 'carried-out') return
  if (proposal.theme === 'training') await startTraining(ctx, y, on, proposalId)
  else if (proposal.theme === 'apprenticeship')
    await startEmployment(ctx, y, on, proposalId, 'apprenticeship')
  else if (proposal.theme === 'employment') await startEmployment(ctx, y, on, proposalId)
  else if (proposal.theme === 'immersion' && openJourney(y) !== null)
    await startSituation(ctx, y, on, 'immersion')
}
