import type { JourneyEvent, RecordedEvent, Sealed } from '@parcours/domain'
import { type DocMap, emptyDocMap, getDoc, setDoc } from '../model/docMap.js'
import type { KeyedProjection } from '../model/projection.js'
import { isFirstRegistration, isNextInStream, type YouthHeader, youthHeaderOf } from '../model/streamGuard.js'

// ---------------------------------------------------------------------------------------------
// model: one document per young person holding what a counsellor's alerts need: pending
// follow-ups, proposals without outcome, the open programme and the age limits (sealed).
// ---------------------------------------------------------------------------------------------

/** A follow-up not yet kept, missed or cancelled. */
export interface PendingFollowUp {
  readonly dueOn: string
  /** The kind of appointment (individual interview, phone or video call, workshop, information session). */
  readonly kind: string
  /** When it was planned (or last moved): no reminder falls before. */
  readonly scheduledOn: string
}

/** A collective session the young person is registered to, its outcome still to come. */
export interface PendingSession {
  readonly kind: string
  readonly heldOn: string
  readonly prescribedOn: string
}

/** A proposal still waiting for its outcome. */
export interface PendingProposal {
  readonly theme: string
  readonly offeredOn: string
  readonly respondBy: string
  readonly accepted: boolean
}

/** The worklist document of one young person. */
export interface WorklistYouth extends YouthHeader {
  /**
   * The age limits as the registration sealed them (the 26th birthday gives the birth date): the
   * read model keeps them sealed, and the worklist's reader opens them (`queryWorklist`'s
   * `ageLimits`). After erasure they can never be opened again.
   */
  readonly sealedAgeLimits: Sealed | null
  readonly programme: { readonly programme: string; readonly plannedEndOn: string } | null
  readonly followUps: { readonly [followUpId: string]: PendingFollowUp }
  readonly proposals: { readonly [proposalId: string]: PendingProposal }
  readonly sessions: { readonly [sessionId: string]: PendingSession }
}

/** The worklist read model: one document per young person, keyed `youth:<id>`. */
export type WorklistReadModel = DocMap<WorklistYouth>

const without = <V>(record: { readonly [k: string]: V }, key: string): { readonly [k: string]: V } => {
  if (!(key in record)) return record
  const { [key]: _gone, ...rest } = record
  return rest
}

const evolve = (y: WorklistYouth, e: JourneyEvent): WorklistYouth => {
  switch (e.type) {
    case 'CounsellorAssigned':
      return { ...y, counsellorId: e.counsellorId }
    case 'JourneyTransferred':
      return { ...y, missionLocaleId: e.missionLocaleId, counsellorId: e.counsellorId }
    case 'ProgrammeEntered':
    case 'ProgrammeExtended':
      return { ...y, programme: { programme: e.programme, plannedEndOn: e.plannedEndOn } }
    case 'ProgrammeExited':
      return { ...y, programme: null }
    case 'ProposalOffered':
      return {
        ...y,
        proposals: {
          ...y.proposals,
          [e.proposalId]: { theme: e.theme, offeredOn: e.on, respondBy: e.respondBy, accepted: false },
        },
      }
    case 'ProposalAccepted': {
      const p = y.proposals[e.proposalId]
      return p === undefined
        ? y
        : { ...y, proposals: { ...y.proposals, [e.proposalId]: { ...p, accepted: true } } }
    }
    case 'ProposalOutcomeRecorded':
      return { ...y, proposals: without(y.proposals, e.proposalId) }
    case 'FollowUpScheduled':
      return {
        ...y,
        followUps: {
          ...y.followUps,
          [e.followUpId]: { dueOn: e.dueOn, kind: e.kind, scheduledOn: e.on },
        },
      }
    case 'FollowUpRescheduled': {
      const f = y.followUps[e.followUpId]
      return f === undefined
        ? y
        : {
            ...y,
            followUps: { ...y.followUps, [e.followUpId]: { ...f, dueOn: e.dueOn, scheduledOn: e.on } },
          }
    }
    case 'FollowUpKept':
    case 'FollowUpMissed':
    case 'FollowUpMarkedUnspecified':
    case 'FollowUpCancelled':
      return { ...y, followUps: without(y.followUps, e.followUpId) }
    case 'SessionPrescribed':
      return {
        ...y,
        sessions: { ...y.sessions, [e.sessionId]: { kind: e.kind, heldOn: e.heldOn, prescribedOn: e.on } },
      }
    case 'SessionOutcomeRecorded':
      return { ...y, sessions: without(y.sessions, e.sessionId) }
    case 'JourneyClosed':
      return { ...y, open: false, programme: null, followUps: {}, proposals: {}, sessions: {} }
    case 'JourneyReopened':
      return { ...y, open: true, counsellorId: e.counsellorId }
    default:
      return y
  }
}

const apply = (rm: WorklistReadModel, recorded: RecordedEvent<JourneyEvent>): WorklistReadModel => {
  const e = recorded.event
  const key = `youth:${e.youthId}`
  const existing = getDoc(rm, key)
  const revision = Number(recorded.revision)
  if (e.type === 'YouthRegistered' && isFirstRegistration(existing, recorded))
    return setDoc(rm, key, {
      ...youthHeaderOf(e, revision),
      sealedAgeLimits: e.sealedAgeLimits,
      programme: null,
      followUps: {},
      proposals: {},
      sessions: {},
    })
  if (!isNextInStream(existing, recorded)) return rm
  return setDoc(rm, key, { ...evolve(existing, e), revision })
}

/** The counsellors' worklists (alerts) projection. */
export const worklistProjection: KeyedProjection<WorklistYouth> = {
  name: 'worklist',
  version: 2,
  initial: emptyDocMap<WorklistYouth>(),
  apply,
  merge: (_key, a) => a,
}
