import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import {
  actorRef,
  decideAccess,
  foldJourney,
  journeyStreamName,
  type AccessDenied,
  type AccessLog,
  type AccessLogError,
  type AccessPolicy,
  type Actor,
  type EventStore,
  type JourneyEvent,
  type LocalDate,
  type MissionLocaleId,
  type Sealed,
  type YouthId,
} from '@parcours/domain'
import type { JourneyCommandHandler, JourneyHandlingError } from '../journeys/index.js'
import type { PersonalFields } from '../vault/personalFields.js'
import type { Vault } from '../vault/vault.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/**
 * The identity fields a rectification corrects. The birth date is not among them: it decides
 * eligibility, the age limits and the statistics' age band, so a wrong one is not corrected by
 * re-sealing it (the registration would have to be judged again).
 */
export const rectifiableFields = ['firstName', 'lastName', 'email', 'phone', 'address'] as const

/** A rectifiable field. */
export type RectifiableField = (typeof rectifiableFields)[number]

/** The corrections: a new value for each field given; an empty string removes that field. */
export type IdentityCorrections = Partial<Record<RectifiableField, string>>

/** What rectifying a young person's identity needs. */
export interface RectifyIdentityInput {
  readonly store: EventStore<JourneyEvent>
  readonly vault: Vault
  readonly handle: JourneyCommandHandler
  readonly accessLog: AccessLog
  readonly actor: Actor
  readonly policy: AccessPolicy
  readonly youthId: YouthId
  /** The mission locale holding the journey. */
  readonly missionLocaleId: MissionLocaleId
  readonly on: LocalDate
  readonly commandId: string
  readonly corrections: IdentityCorrections
  /** The instant of the rectification (ISO 8601, UTC), from the caller's clock: recorded in the access log. */
  readonly at: string
}

/** What a rectification recorded: the fields it changed (names only) and the event's revision. */
export interface IdentityRectification {
  readonly youthId: YouthId
  readonly changed: ReadonlyArray<RectifiableField>
  readonly revision: bigint
  readonly replayed: boolean
}

/** Why a rectification failed; nothing was recorded. */
export type RectifyIdentityError = AccessDenied | AccessLogError | JourneyHandlingError | NoCorrection

/** No field was given, or none changes anything: a rectification must correct something. */
export interface NoCorrection {
  readonly _tag: 'NoCorrection'
  readonly youthId: YouthId
}

// ---------------------------------------------------------------------------------------------
// the rectification
// ---------------------------------------------------------------------------------------------

/** The identity the journey holds now: the last one sealed (registration or rectification). */
export const currentIdentity = (events: ReadonlyArray<JourneyEvent>): Sealed | null => {
  let sealed: Sealed | null = null
  for (const e of events)
    if ((e.type === 'YouthRegistered' || e.type === 'IdentityRectified') && e.personalData !== null)
      sealed = e.personalData
  return sealed
}

/**
 * Corrects a young person's identity (art. 16 GDPR): the access policy must let the actor send
 * `RectifyIdentity` to the journey; the identity held now is opened, the corrections applied, and
 * the whole corrected identity is sealed with the young person's key into `IdentityRectified` — no
 * value in clear in any event. The opening is recorded in the access log (purpose
 * `rectification`) before anything is sealed. `const r = await rectifyIdentity({...})()`.
 */
export const rectifyIdentity =
  (input: RectifyIdentityInput): TaskEither<RectifyIdentityError, IdentityRectification> =>
  async () => {
    const { store, vault, handle, accessLog, actor, policy, youthId, missionLocaleId, on, commandId } = input
    const read = await store.readStream(journeyStreamName(youthId))()
    if (isLeft(read)) return read
    const events = read.right.map((r) => r.event)
    const state = foldJourney(events)
    const decision = decideAccess(policy, actor, {
      kind: 'journey-command',
      command: 'RectifyIdentity',
      missionLocaleId,
      journey:
        state.status === 'unregistered'
          ? { youthId, holder: null, counsellorId: null }
          : { youthId, holder: state.missionLocaleId, counsellorId: state.counsellorId },
    })
    if (isLeft(decision)) return decision
    if (state.status === 'unregistered')
      return left({ _tag: 'Rejected', error: { _tag: 'NotRegistered', command: 'RectifyIdentity' } })
    if (state.personalDataErased)
      return left({ _tag: 'Rejected', error: { _tag: 'PersonalDataAlreadyErased' } })
    const sealed = currentIdentity(events)
    let current: PersonalFields = {}
    if (sealed !== null) {
      const opened = await vault.open(sealed, youthId)()
      if (isLeft(opened)) return opened
      if (opened.right._tag === 'Erased')
        return left({ _tag: 'Rejected', error: { _tag: 'PersonalDataAlreadyErased' } })
      current = opened.right.fields
    }
    const corrected: Record<string, string> = { ...current }
    const changed: RectifiableField[] = []
    for (const field of rectifiableFields) {
      const value = input.corrections[field]
      if (value === undefined || (current[field] ?? '') === value) continue
      changed.push(field)
      if (value === '') delete corrected[field]
      else corrected[field] = value
    }
    if (changed.length === 0) return left({ _tag: 'NoCorrection', youthId })
    const entry = await accessLog.record({
      at: input.at,
      actor: actorRef(actor),
      youthId,
      missionLocaleId: state.missionLocaleId,
      purpose: 'rectification',
      opened: ['identity'],
    })()
    if (isLeft(entry)) return entry
    const recorded = await handle({
      commandId,
      command: { type: 'RectifyIdentity', youthId, missionLocaleId, on, personalData: null },
      personal: corrected,
    })()
    if (isLeft(recorded)) return recorded
    const event = recorded.right.events.find((e) => e.event.type === 'IdentityRectified')
    return right({
      youthId,
      changed,
      revision: event?.revision ?? -1n,
      replayed: recorded.right.replayed,
    })
  }
