import type { JourneyEvent, RecordedEvent, Sealed } from '@parcours/domain'
import type { DocMap } from '../model/docMap.js'
import type { Draft, Writable } from '../model/draft.js'
import { type BatchStep, type KeyedProjection, keyedProjection } from '../model/projection.js'
import { perYouthStep, type Registration, type YouthHeader } from '../model/streamGuard.js'

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
  /** The France Travail offer it proposes, when it proposes one (absent otherwise). */
  readonly partnerOfferId?: string
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

type Youth = Writable<WorklistYouth>

const evolve = (y: Youth, e: JourneyEvent): void => {
  switch (e.type) {
    case 'CounsellorAssigned':
      y.counsellorId = e.counsellorId
      return
    case 'JourneyTransferred':
      y.missionLocaleId = e.missionLocaleId
      y.counsellorId = e.counsellorId
      return
    case 'ProgrammeEntered':
    case 'ProgrammeExtended':
      y.programme = { programme: e.programme, plannedEndOn: e.plannedEndOn }
      return
    case 'ProgrammeExited':
      y.programme = null
      return
    case 'ProposalOffered':
      y.proposals[e.proposalId] = {
        theme: e.theme,
        offeredOn: e.on,
        respondBy: e.respondBy,
        accepted: false,
        ...(e.partnerOffer === null ? {} : { partnerOfferId: e.partnerOffer.offerId }),
      }
      return
    case 'ProposalAccepted': {
      const p = y.proposals[e.proposalId]
      if (p !== undefined) p.accepted = true
      return
    }
    case 'ProposalOutcomeRecorded':
      delete y.proposals[e.proposalId]
      return
    case 'FollowUpScheduled':
      y.followUps[e.followUpId] = { dueOn: e.dueOn, kind: e.kind, scheduledOn: e.on }
      return
    case 'FollowUpRescheduled': {
      const f = y.followUps[e.followUpId]
      if (f === undefined) return
      f.dueOn = e.dueOn
      f.scheduledOn = e.on
      return
    }
    case 'FollowUpKept':
    case 'FollowUpMissed':
    case 'FollowUpMarkedUnspecified':
    case 'FollowUpCancelled':
      delete y.followUps[e.followUpId]
      return
    case 'SessionPrescribed':
      y.sessions[e.sessionId] = { kind: e.kind, heldOn: e.heldOn, prescribedOn: e.on }
      return
    case 'SessionOutcomeRecorded':
      delete y.sessions[e.sessionId]
      return
    case 'JourneyClosed':
      y.open = false
      y.programme = null
      y.followUps = {}
      y.proposals = {}
      y.sessions = {}
      return
    case 'JourneyReopened':
      y.open = true
      y.counsellorId = e.counsellorId
      return
    default:
      return
  }
}

// Every field written out, in one literal (a spread would give each document a shape of its own).
const register = (e: Registration, recorded: RecordedEvent<JourneyEvent>): Youth => ({
  kind: 'youth',
  youthId: e.youthId,
  revision: Number(recorded.revision),
  missionLocaleId: e.missionLocaleId,
  counsellorId: e.counsellorId,
  open: true,
  sealedAgeLimits: e.sealedAgeLimits,
  programme: null,
  followUps: {},
  proposals: {},
  sessions: {},
})

const batch = (draft: Draft<WorklistYouth>): BatchStep =>
  perYouthStep(draft, register, (y, recorded) => evolve(y, recorded.event))

/** The counsellors' worklists (alerts) projection. */
export const worklistProjection: KeyedProjection<WorklistYouth> = keyedProjection({
  name: 'worklist',
  version: 2,
  batch,
  merge: (_key, a) => a,
  streamDocuments: (key) => key.startsWith('youth:'),
})
