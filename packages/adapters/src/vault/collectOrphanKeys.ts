import { isLeft, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import {
  journeyStreamName,
  OutreachCaseId,
  outreachStreamName,
  type EventStore,
  type OutreachEvent,
  type JourneyEvent,
  type KeyStore,
  type KeyStoreError,
  type StoreError,
  type StoredKey,
} from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** What collecting orphan keys needs. */
export interface CollectOrphanKeysInput {
  readonly store: EventStore<JourneyEvent>
  readonly keyStore: KeyStore
  /**
   * Only keys stored before this instant are judged: a younger one may belong to a registration
   * still in flight. Keys of a store that did not date them (`createdAt: null`) are judged too.
   */
  readonly createdBefore: Date
  /**
   * The outreach cases' store: a key of an outreach case (`oc-…`) is an orphan when neither a
   * journey nor a case has its id. Without it, outreach cases' keys are never judged.
   */
  readonly outreachStore?: EventStore<OutreachEvent>
  /** List the orphans, discard nothing. */
  readonly dryRun: boolean
  readonly logger?: Logger
}

/** An orphan key that could not be judged or discarded; the others still are. */
export interface OrphanKeyFailure {
  readonly key: StoredKey
  readonly error: StoreError | KeyStoreError
}

/** What a collection did (in a dry run: would do). Ids and dates only. */
export interface OrphanKeyCollection {
  readonly dryRun: boolean
  /** Keys of young people with no journey, discarded (in a dry run: to discard), in youth id order. */
  readonly discarded: ReadonlyArray<StoredKey>
  readonly failed: ReadonlyArray<OrphanKeyFailure>
}

// ---------------------------------------------------------------------------------------------
// the collection
// ---------------------------------------------------------------------------------------------

/**
 * Discards the keys of young people who have no journey: what a registration that failed after
 * sealing left behind when it could not discard its key itself (a crash, or the store and the key
 * store failing together, e.g. a full disk). Such a key sealed nothing that was recorded. A
 * journey with an event that cannot be decoded still exists: its key is kept. Fails only when the
 * key store cannot list its keys. `const r = await collectOrphanKeys({...})()`.
 */
export const collectOrphanKeys =
  ({
    store,
    keyStore,
    createdBefore,
    outreachStore,
    dryRun,
    logger,
  }: CollectOrphanKeysInput): TaskEither<KeyStoreError, OrphanKeyCollection> =>
  async () => {
    const log = logger?.child({ module: 'orphan-keys' })
    const listed = await keyStore.list()()
    if (isLeft(listed)) return listed
    const cutoff = createdBefore.toISOString()
    const discarded: StoredKey[] = []
    const failed: OrphanKeyFailure[] = []
    for (const key of listed.right) {
      if (key.createdAt !== null && key.createdAt >= cutoff) continue
      const head = await store.readStream(journeyStreamName(key.youthId), { maxCount: 1 })()
      if (isLeft(head)) {
        if (head.left._tag !== 'DecodeFailed') failed.push({ key, error: head.left })
        continue
      }
      if (head.right.length > 0) continue
      if (OutreachCaseId.is(key.youthId)) {
        if (outreachStore === undefined) continue
        const opened = await outreachStore.readStream(outreachStreamName(key.youthId), { maxCount: 1 })()
        if (isLeft(opened)) {
          if (opened.left._tag !== 'DecodeFailed') failed.push({ key, error: opened.left })
          continue
        }
        if (opened.right.length > 0) continue
      }
      if (dryRun) {
        discarded.push(key)
        continue
      }
      const gone = await keyStore.discard(key.youthId, key.keyId)()
      if (isLeft(gone)) failed.push({ key, error: gone.left })
      else if (gone.right) discarded.push(key)
    }
    log?.info({ dryRun, discarded: discarded.length, failed: failed.length }, 'orphan keys collected')
    return right({ dryRun, discarded, failed })
  }
