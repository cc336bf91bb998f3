import { isLeft } from 'fp-ts/lib/Either.js'
import { describeOutreachFailure } from '@parcours/adapters'
import {
  decideAccess,
  missionLocaleOf,
  type Actor,
  type CounsellorId,
  type LocalDate,
  type MissionLocaleId,
  type OutreachCaseId,
  type OutreachStatus,
} from '@parcours/domain'
import { queryOutreachEntries, type OutreachEntry } from '@parcours/projections'
import { infrastructureError } from '../cli/errors.js'
import { withdrawnOffersOf } from '../store/offerCatalogue.js'
import { outreachCase, outreachCases } from '../store/outreach.js'
import type { ServeHandles } from './handles.js'
import { accessDenied, CONFLICT_RETRY_SECONDS, type CommandOutcome } from './journeyCommand.js'

// ---------------------------------------------------------------------------------------------
// what the partners add to a worklist: the withdrawn France Travail offers, the open outreach
// cases of the mission locale (pseudonymous: case id, status, dates); a case's status recorded
// ---------------------------------------------------------------------------------------------

/** The partners' part of a worklist: withdrawn offers (id → when), and the open outreach cases. */
export interface WorklistPartners {
  readonly withdrawnOffers: ReadonlyMap<string, string>
  /** The mission locale's open cases; empty when the policy does not let the actor list them. */
  readonly outreach: ReadonlyArray<OutreachEntry>
}

/** Reads the withdrawn offers and, when the policy lists them to the actor, the open outreach cases. */
export const worklistPartners = async (
  h: Pick<ServeHandles, 'offers' | 'outreach' | 'policy'>,
  actor: Actor,
  missionLocaleId: string,
  asOf: LocalDate,
): Promise<WorklistPartners> => {
  const withdrawnOffers = await withdrawnOffersOf(h.offers)
  const listed = decideAccess(h.policy, actor, {
    kind: 'read-outreach',
    detail: 'cases',
    missionLocaleId: missionLocaleId as MissionLocaleId,
  })
  const outreach = isLeft(listed)
    ? []
    : queryOutreachEntries(await outreachCases(h.outreach), { missionLocaleId, asOf })
  return { withdrawnOffers, outreach }
}

/** The offer catalogue, open and withdrawn offers apart (an unavailable catalogue: 503). */
export const offerCatalogueOf = async (h: Pick<ServeHandles, 'offers'>) => {
  const offers = await h.offers.list()()
  if (isLeft(offers)) throw infrastructureError(`the offer catalogue is unavailable: ${offers.left.message}`)
  return {
    open: offers.right.filter((o) => o.withdrawnAt === null),
    withdrawn: offers.right.filter((o) => o.withdrawnAt !== null),
  }
}

/** What a record-status request carries (already checked to be of the right shapes). */
export interface OutreachStatusInput {
  readonly commandId: string
  readonly status: OutreachStatus
  readonly on: LocalDate
  /** Who made the attempt; the counsellor sending it when absent. */
  readonly counsellorId: string | undefined
}

/**
 * Records where a case's outreach stands, on the path of `parcours outreach status`: the access
 * policy on the case's mission locale (the actor's own when there is no such case), then the
 * case's rules; a retry with the same command id writes nothing.
 */
export const recordOutreachStatus = async (
  h: Pick<ServeHandles, 'outreach' | 'policy'>,
  actor: Actor,
  caseId: OutreachCaseId,
  input: OutreachStatusInput,
): Promise<CommandOutcome> => {
  const counsellorId = input.counsellorId ?? (actor.kind === 'counsellor' ? actor.id : undefined)
  if (counsellorId === undefined)
    return { _tag: 'InvalidInput', field: 'counsellor', message: 'counsellor: say who made the attempt' }
  const { state } = await outreachCase(h.outreach, caseId)
  const missionLocaleId = state._tag === 'Case' ? state.missionLocaleId : missionLocaleOf(actor)
  const denied = accessDenied(h.policy, actor, {
    kind: 'outreach-command',
    action: 'record-status',
    missionLocaleId: (missionLocaleId ?? 'none') as MissionLocaleId,
  })
  if (denied !== undefined) return denied
  const done = await h.outreach.handle({
    commandId: input.commandId,
    command: {
      type: 'RecordOutreachStatus',
      caseId,
      status: input.status,
      counsellorId: counsellorId as CounsellorId,
      on: input.on,
    },
  })()
  if (isLeft(done)) {
    const e = done.left
    if (e._tag === 'Rejected')
      return {
        _tag: 'Refused',
        rule: e.error._tag,
        message: `refused by rule ${e.error._tag}: ${describeOutreachFailure(e)}`,
      }
    if (e._tag === 'ConcurrencyConflict')
      return {
        _tag: 'Conflict',
        message: `${describeOutreachFailure(e)}; nothing was written. Send the same command (same commandId) again.`,
        retryAfterSeconds: CONFLICT_RETRY_SECONDS,
      }
    return { _tag: 'Failed', message: describeOutreachFailure(e) }
  }
  return {
    _tag: 'Handled',
    commandId: input.commandId,
    streamName: done.right.streamName,
    replayed: done.right.replayed,
    events: done.right.events.map((x) => ({ revision: Number(x.revision), type: x.event.type })),
  }
}
