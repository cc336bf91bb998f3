import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import {
  ageLimitsOf,
  journeyDecider,
  journeyStateSavable,
  journeyStreamName,
  type EventStore,
  type JourneyCommand,
  type JourneyError,
  type JourneyEvent,
  type JourneyState,
  type KeyId,
  type Sealed,
  type StoreError,
  type YouthId,
} from '@parcours/domain'
import {
  createCommandHandler,
  type Backoff,
  type CommandEnvelope,
  type CommandHandlingError,
  type CommandResult,
  type StateSnapshots,
  type StreamState,
} from '../commandHandling/index.js'
import { sealAgeLimits, withAgeLimitsOpened } from '../vault/ageLimits.js'
import type { PersonalFields } from '../vault/personalFields.js'
import type { Vault } from '../vault/vault.js'
import type { VaultError } from '../vault/vaultErrors.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** A journey command to handle, with the personal fields to seal into it once the rules accept it. */
export interface JourneyCommandEnvelope extends Omit<CommandEnvelope<JourneyCommand>, 'complete'> {
  /**
   * Personal fields in clear, sealed by the vault into the command's `personalData` (a
   * registration) or `comment` (any other command that carries one) — only once the journey's
   * rules accepted the command, so a refused or re-sent command seals nothing.
   */
  readonly personal?: PersonalFields
}

/** `personal` was given for a command that has no field to carry personal data. */
export interface NothingToSeal {
  readonly _tag: 'NothingToSeal'
  readonly commandType: JourneyCommand['type']
}

/** Every error handling a journey command can end with. */
export type JourneyHandlingError = CommandHandlingError<JourneyError> | VaultError | NothingToSeal

/** Handles one journey command: `const r = await handle({ commandId, command })()`, then `if (isLeft(r))`. */
export type JourneyCommandHandler = (
  envelope: JourneyCommandEnvelope,
) => TaskEither<JourneyHandlingError, CommandResult<JourneyEvent>>

/** What the journey command handler also answers: a journey's state now. */
export interface JourneyStates {
  /**
   * The young person's journey now, through the handler's state cache and snapshots (see
   * `StatefulCommandHandler.currentState`): for a shell that acts on journeys it does not keep.
   * `await handle.currentState(youthId)()`.
   */
  readonly currentState: (youthId: YouthId) => TaskEither<StoreError, StreamState<JourneyState>>
}

/** What the journey command handler needs. */
export interface JourneyCommandHandlerOptions {
  readonly store: EventStore<JourneyEvent>
  /** Seals the personal fields commands carry. */
  readonly vault: Vault
  readonly logger?: Logger
  /** Retries after a conflict before giving up. Default 5. */
  readonly maxRetries?: number
  /** Default: base 10 ms. */
  readonly backoff?: Backoff
  /** Streams whose folded state is kept (see createCommandHandler). Default 10,000; 0 turns it off. */
  readonly stateCacheSize?: number
  /**
   * Where folded journey states are saved and found again (see createCommandHandler), e.g.
   * `getSqliteStateSnapshots({ store, version: JOURNEY_STATE_VERSION })` on the SQLite store's file.
   * A state that holds a legacy registration's age limits in clear is not saved.
   */
  readonly snapshots?: StateSnapshots<JourneyState>
  /** Events folded past a journey's last snapshot before a new one is saved. Default 100. */
  readonly snapshotEvery?: number
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

// The rules look at whether a sealed value is there, never into it: they judge the command with
// this stand-in, and the command recorded carries what the vault sealed.
const PENDING_SEAL: Sealed = { keyId: 'pending' as KeyId, alg: 'A256GCM', iv: '', ciphertext: '', tag: '' }

const sealedFieldOf = (command: JourneyCommand): 'personalData' | 'comment' | undefined =>
  'personalData' in command ? 'personalData' : 'comment' in command ? 'comment' : undefined

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * The journey command handler: one stream per young person, the mission locale as the events'
 * tenant, personal fields sealed by the vault once the rules accepted the command. A
 * registration's age limits are sealed here with the young person's key; every later command
 * gets them opened from the journey's registration before `decide` (whatever limits it came with).
 * A registration whose events could not be stored leaves no key: the key it sealed with is discarded.
 *
 * @example
 * import { isLeft } from 'fp-ts/lib/Either.js'
 * import {
 *   journeyEventCodec,
 *   type CounsellorId,
 *   type LocalDate,
 *   type MissionLocaleId,
 *   type YouthId,
 * } from '@parcours/domain'
 * import { createJourneyCommandHandler, createVault, getInMemoryEventStore, getInMemoryKeyStore } from '@parcours/adapters'
 *
 * const handle = createJourneyCommandHandler({
 *   store: getInMemoryEventStore({ codec: journeyEventCodec }),
 *   vault: createVault({ keyStore: getInMemoryKeyStore() }),
 * })
 * const result = await handle({
 *   commandId: 'cmd-1',
 *   command: {
 *     type: 'RegisterYouth', youthId: 'y-1' as YouthId, missionLocaleId: 'ml-1' as MissionLocaleId,
 *     on: '2025-03-01' as LocalDate, counsellorId: 'c-1' as CounsellorId, birthDate: '2005-01-01' as LocalDate,
 *     rqth: false, personalData: null,
 *   },
 *   personal: { firstName: 'Ana', birthDate: '2005-01-01' },
 * })()
 * if (!isLeft(result)) console.log(result.right.events.map((e) => e.event.type)) // ['YouthRegistered', …]
 */
export const createJourneyCommandHandler = (
  options: JourneyCommandHandlerOptions,
): JourneyCommandHandler & JourneyStates => {
  const { store, vault } = options
  const log = options.logger?.child({ module: 'journey-handler' })
  // The key each registration in flight sealed with: if its events are not stored, it goes.
  const registering = new Map<YouthId, KeyId | undefined>()
  const tracking: Vault = {
    ...vault,
    seal: (youthId, fields) => async () => {
      const sealed = await vault.seal(youthId, fields)()
      if (!isLeft(sealed) && registering.has(youthId)) registering.set(youthId, sealed.right.keyId)
      return sealed
    },
  }
  const handle = sealingHandler({ ...options, vault: tracking })

  // A registration that failed after sealing left a key that sealed nothing recorded: discarded at
  // once when the journey still does not exist (another registration may have won the race). When
  // that cannot be known or done (the store or the key store failing too), collectOrphanKeys does it.
  const discardIfUnregistered = async (youthId: YouthId, keyId: KeyId): Promise<void> => {
    const read = await store.readStream(journeyStreamName(youthId), { maxCount: 1 })()
    const discarded: Either<StoreError | VaultError, boolean> = isLeft(read)
      ? read
      : read.right.length > 0
        ? right(false)
        : await vault.discard(youthId, keyId)()
    if (isLeft(discarded))
      log?.warn(
        { youthId, keyId, error: discarded.left._tag },
        'the key of a failed registration is kept; collectOrphanKeys removes it',
      )
  }

  const handleJourney: JourneyCommandHandler = (envelope) => {
    const { youthId, type } = envelope.command
    if (type !== 'RegisterYouth' || registering.has(youthId)) return handle(envelope)
    return async () => {
      registering.set(youthId, undefined)
      try {
        const result = await handle(envelope)()
        const keyId = registering.get(youthId)
        if (isLeft(result) && keyId !== undefined) await discardIfUnregistered(youthId, keyId)
        return result
      } finally {
        registering.delete(youthId)
      }
    }
  }
  return Object.assign(handleJourney, { currentState: handle.currentState })
}

// A state holding a legacy registration's age limits in clear is never saved (see journeyStateSavable).
const savableOnly = (snapshots: StateSnapshots<JourneyState>): StateSnapshots<JourneyState> => ({
  load: snapshots.load,
  save: (snapshot) => {
    if (journeyStateSavable(snapshot.state)) snapshots.save(snapshot)
  },
})

// Checks, seals once the rules accept, records.
const sealingHandler = ({
  store,
  vault,
  logger,
  maxRetries,
  backoff,
  stateCacheSize,
  snapshots,
  snapshotEvery,
}: JourneyCommandHandlerOptions): JourneyCommandHandler & JourneyStates => {
  const handle = createCommandHandler({
    store,
    decider: journeyDecider,
    streamName: (c: JourneyCommand) => journeyStreamName(c.youthId),
    metadata: (c: JourneyCommand) => ({ tenant: c.missionLocaleId }),
    ...(logger === undefined ? {} : { logger }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
    ...(backoff === undefined ? {} : { backoff }),
    ...(stateCacheSize === undefined ? {} : { stateCacheSize }),
    ...(snapshots === undefined ? {} : { snapshots: savableOnly(snapshots) }),
    ...(snapshotEvery === undefined ? {} : { snapshotEvery }),
    // The time rules need the age limits, which the events hold sealed: opened for each decision.
    prepare: (command, state) => () => withAgeLimitsOpened(vault, state, command),
  })
  const handleSealing: JourneyCommandHandler = ({ personal, ...envelope }) => {
    const registering = envelope.command.type === 'RegisterYouth'
    if (personal === undefined && !registering) return handle(envelope)
    const field = personal === undefined ? undefined : sealedFieldOf(envelope.command)
    if (personal !== undefined && field === undefined)
      return async () => left({ _tag: 'NothingToSeal', commandType: envelope.command.type })
    const command = {
      ...envelope.command,
      ...(field === undefined ? {} : { [field]: PENDING_SEAL }),
      ...(registering ? { sealedAgeLimits: PENDING_SEAL } : {}),
    }
    return handle<VaultError>({
      ...envelope,
      command,
      complete: (accepted) => async () => {
        let completed: JourneyCommand = accepted
        if (field !== undefined && personal !== undefined) {
          const sealed = await vault.seal(accepted.youthId, personal)()
          if (isLeft(sealed)) return sealed
          completed = { ...completed, [field]: sealed.right }
        }
        // A registration's age limits are sealed with the young person's key: no event holds them in clear.
        if (completed.type === 'RegisterYouth') {
          const limits = ageLimitsOf(completed.birthDate, completed.rqth, journeyDecider.policy)
          const sealed = await sealAgeLimits(vault, accepted.youthId, limits)()
          if (isLeft(sealed)) return sealed
          completed = { ...completed, sealedAgeLimits: sealed.right }
        }
        return right(completed)
      },
    })
  }
  return Object.assign(handleSealing, {
    currentState: (youthId: YouthId) => handle.currentState(journeyStreamName(youthId)),
  })
}
