import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import {
  foldJourney,
  journeyDecider,
  journeyStreamName,
  type EventStore,
  type JourneyCommand,
  Sealed,
  type JourneyEvent,
  type KeyId,
  type LocalDate,
  type MissionLocaleId,
  type YouthId,
} from '@parcours/domain'
import type { JourneyCommandHandler, JourneyHandlingError } from '../journeys/index.js'
import type { Vault } from './vault.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** What erasing a young person's personal data needs. */
export interface ErasePersonalDataInput {
  readonly vault: Vault
  readonly handle: JourneyCommandHandler
  readonly youthId: YouthId
  /** The mission locale holding the journey: only it may erase. */
  readonly missionLocaleId: MissionLocaleId
  /** The date of the erasure (the command's `on`). */
  readonly on: LocalDate
  readonly commandId: string
  /**
   * The journey store: the command is checked against the journey before the key is touched, so
   * a refused erasure (unknown young person, another mission locale) erases nothing.
   */
  readonly store: EventStore<JourneyEvent>
}

/** What an erasure did: the key erased, whether this call erased it, whether it recorded the event. */
export interface PersonalDataErasure {
  readonly youthId: YouthId
  readonly keyId: KeyId
  readonly keyErasedNow: boolean
  readonly eventRecordedNow: boolean
}

/** Why an erasure failed: the vault's error, or the command handler's (a refusal, a store failure). */
export type ErasureError = JourneyHandlingError

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** The key ids of every sealed value a journey's events hold (identity, comments, age limits…). */
export const sealedKeyIds = (events: ReadonlyArray<JourneyEvent>): ReadonlyArray<KeyId> => {
  const ids = new Set<KeyId>()
  for (const event of events)
    for (const value of Object.values(event as unknown as Record<string, unknown>))
      if (Sealed.is(value)) ids.add(value.keyId)
  return [...ids]
}

// The same rule the handler applies, run first so that a refused erasure leaves the key alone;
// it answers the keys the journey's data was sealed with, which the key store must destroy.
const precheck = async (
  store: EventStore<JourneyEvent>,
  command: JourneyCommand,
): Promise<Either<ErasureError, ReadonlyArray<KeyId>>> => {
  const read = await store.readStream(journeyStreamName(command.youthId))()
  if (isLeft(read)) return read
  const events = read.right.map((recorded) => recorded.event)
  const decision = journeyDecider.decide(command, foldJourney(events))
  return isLeft(decision) && decision.left._tag !== 'PersonalDataAlreadyErased'
    ? left({ _tag: 'Rejected', error: decision.left })
    : right(sealedKeyIds(events))
}

// ---------------------------------------------------------------------------------------------
// the erasure
// ---------------------------------------------------------------------------------------------

/**
 * Erases a young person's personal data (crypto-shredding): checks the command against the
 * journey, deletes the key that sealed the journey's data (a key store that does not hold it is
 * `KeyNotFound`, and nothing is recorded), then records `PersonalDataErased` through the command
 * handler. The key goes first, so a failure in between
 * never leaves an event claiming an erasure that did not happen; calling again finishes the job.
 * Idempotent: a second call succeeds and changes nothing. `await erasePersonalData({...})()`.
 */
export const erasePersonalData =
  ({
    vault,
    handle,
    youthId,
    missionLocaleId,
    on,
    commandId,
    store,
  }: ErasePersonalDataInput): TaskEither<ErasureError, PersonalDataErasure> =>
  async () => {
    const command: JourneyCommand = { type: 'ErasePersonalData', youthId, missionLocaleId, on }
    const allowed = await precheck(store, command)
    if (isLeft(allowed)) return allowed
    // Only a key store holding the key that sealed the journey's data can report it destroyed.
    const erased = await vault.eraseKey(youthId, allowed.right)()
    if (isLeft(erased)) return erased
    const recorded = await handle({ commandId, command })()
    if (
      isLeft(recorded) &&
      !(recorded.left._tag === 'Rejected' && recorded.left.error._tag === 'PersonalDataAlreadyErased')
    )
      return recorded
    return right({
      youthId,
      keyId: erased.right.keyId,
      keyErasedNow: erased.right.erasedNow,
      eventRecordedNow: !isLeft(recorded) && !recorded.right.replayed && recorded.right.events.length > 0,
    })
  }
