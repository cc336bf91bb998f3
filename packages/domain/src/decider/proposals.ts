import { addDays } from '../model/calendar.js'
import type { ProposalId } from '../model/ids.js'
import type { LocalDate } from '../model/localDate.js'
import type { ProposalState } from '../model/state.js'
import { entryOf } from '../model/state.js'
import type { JourneyPolicy } from '../policy/journeyPolicy.js'
import type { Decision, Rule } from './decision.js'
import { accept, refuse, stamp } from './decision.js'

// ---------------------------------------------------------------------------------------------
// Proposals: a unique id, answered at most once, exactly one outcome, never dated before the offer.
// ---------------------------------------------------------------------------------------------

/** The day an unanswered proposal expires: the day after its respond-by date (+ the grace, policy). */
export const expiresOn = (p: ProposalState, policy: JourneyPolicy): LocalDate =>
  addDays(p.respondBy, 1 + policy.proposalExpiryGraceDays)

/** The day an accepted proposal never carried out expires (policy), or null if it is not accepted. */
export const acceptedExpiresOn = (p: ProposalState, policy: JourneyPolicy): LocalDate | null =>
  p.acceptedOn === null ? null : addDays(p.acceptedOn, policy.acceptedProposalExpiryDays)

/** Whether a proposal without outcome has expired on `on` (policy): unanswered, or accepted and never carried out. */
const hasExpired = (p: ProposalState, on: LocalDate, policy: JourneyPolicy): boolean => {
  if (p.status === 'offered') return on >= expiresOn(p, policy)
  const acceptedEnd = p.status === 'accepted' ? acceptedExpiresOn(p, policy) : null
  return acceptedEnd !== null && on >= acceptedEnd
}

/** Offer a proposal. */
export const offerProposal: Rule<'OfferProposal'> = (c, s) => {
  if (entryOf(s.proposals, c.proposalId) !== undefined)
    return refuse({ _tag: 'DuplicateProposal', proposalId: c.proposalId })
  if (c.respondBy < c.on) return refuse({ _tag: 'RespondByBeforeOffer', on: c.on, respondBy: c.respondBy })
  if (c.training !== undefined && c.theme !== 'training' && c.theme !== 'apprenticeship')
    return refuse({ _tag: 'TrainingLinkOnOtherTheme', proposalId: c.proposalId, theme: c.theme })
  if (c.partnerOffer !== undefined && c.theme !== 'employment' && c.theme !== 'apprenticeship')
    return refuse({ _tag: 'PartnerOfferOnOtherTheme', proposalId: c.proposalId, theme: c.theme })
  return accept({
    type: 'ProposalOffered',
    ...stamp(s, c.on),
    proposalId: c.proposalId,
    theme: c.theme,
    respondBy: c.respondBy,
    counsellorId: s.counsellorId,
    training: c.training ?? null,
    partnerOffer: c.partnerOffer ?? null,
  })
}

const withOpenProposal = (
  proposalId: ProposalId,
  p: ProposalState | undefined,
  on: LocalDate,
  then: (p: ProposalState) => Decision,
): Decision => {
  if (p === undefined) return refuse({ _tag: 'UnknownProposal', proposalId })
  if (p.outcome !== null) return refuse({ _tag: 'OutcomeAlreadyRecorded', proposalId, outcome: p.outcome })
  if (on < p.offeredOn) return refuse({ _tag: 'DatedBeforeOffer', proposalId, on, offeredOn: p.offeredOn })
  if (p.acceptedOn !== null && on < p.acceptedOn)
    return refuse({ _tag: 'DatedBeforeAcceptance', proposalId, on, acceptedOn: p.acceptedOn })
  return then(p)
}

/** The young person accepts a proposal that has no outcome yet. */
export const acceptProposal: Rule<'AcceptProposal'> = (c, s) =>
  withOpenProposal(c.proposalId, entryOf(s.proposals, c.proposalId), c.on, (p) =>
    p.status === 'accepted'
      ? refuse({ _tag: 'ProposalAlreadyAccepted', proposalId: c.proposalId })
      : accept({ type: 'ProposalAccepted', ...stamp(s, c.on), proposalId: c.proposalId, theme: p.theme }),
  )

/** Record a proposal's one outcome; `expired` only once it has expired. */
export const recordProposalOutcome: Rule<'RecordProposalOutcome'> = (c, s, policy) =>
  withOpenProposal(c.proposalId, entryOf(s.proposals, c.proposalId), c.on, (p) =>
    c.outcome === 'expired' && !hasExpired(p, c.on, policy)
      ? refuse({
          _tag: 'ProposalNotExpired',
          proposalId: c.proposalId,
          respondBy: addDays(expiresOn(p, policy), -1),
        })
      : accept({
          type: 'ProposalOutcomeRecorded',
          ...stamp(s, c.on),
          proposalId: c.proposalId,
          theme: p.theme,
          outcome: c.outcome,
          offeredOn: p.offeredOn,
        }),
  )
