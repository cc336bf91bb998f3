import { createHash } from 'node:crypto'
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import {
  defaultRetentionRules,
  foldJourney,
  isPersonalDataErased,
  retentionDueOn,
  youthIdOfStream,
  type EventStore,
  type JourneyEvent,
  type LocalDate,
  type MissionLocaleId,
  type RetentionRules,
  type StoreError,
  type YouthId,
} from '@parcours/domain'
import type { JourneyCommandHandler } from '../journeys/index.js'
import { scanJourneyLog } from '../scan/scanJourneyLog.js'
import { openAgeLimits } from './ageLimits.js'
import { erasePersonalData, type ErasureError } from './erasePersonalData.js'
import type { Vault } from './vault.js'
import type { VaultError } from './vaultErrors.js'

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** What a retention run needs. */
export interface RunRetentionInput {
  readonly store: EventStore<JourneyEvent>
  readonly vault: Vault
  readonly handle: JourneyCommandHandler
  /** The day of the run: every journey whose retention date is on or before it is erased. */
  readonly at: LocalDate
  /** List what would be erased, erase nothing. */
  readonly dryRun: boolean
  readonly rules?: RetentionRules
  /** Journey events read per page of the global log. Default 1000. */
  readonly pageSize?: number
  readonly logger?: Logger
}

/** A young person past retention: pseudonymous ids and dates only. */
export interface RetentionEntry {
  readonly youthId: YouthId
  readonly missionLocaleId: MissionLocaleId
  readonly retentionDueOn: LocalDate
}

/** A young person whose erasure failed; the others are still erased. */
export interface RetentionFailure extends RetentionEntry {
  readonly error: ErasureError
}

/** What a retention run did (or, in a dry run, would do). */
export interface RetentionRun {
  readonly at: LocalDate
  readonly dryRun: boolean
  /** Erased by this run (in a dry run: would be), in youth id order. */
  readonly erased: ReadonlyArray<RetentionEntry>
  readonly failed: ReadonlyArray<RetentionFailure>
  /** Journeys whose sealed age limits could not be opened: their retention date is unknown. */
  readonly unopened: ReadonlyArray<RetentionUnopened>
  /** Journeys with an event that cannot be decoded, left untouched (one line per bad event). */
  readonly skipped: ReadonlyArray<RetentionSkip>
}

/** A young person whose retention date could not be computed, and why. */
export interface RetentionUnopened {
  readonly youthId: YouthId
  readonly missionLocaleId: MissionLocaleId
  readonly error: VaultError
}

/** A journey retention could not judge: one of its events cannot be decoded. */
export interface RetentionSkip {
  readonly youthId: YouthId
  readonly streamName: string
  readonly revision: bigint
  readonly position: bigint
  readonly reason: string
}

interface Journey {
  readonly events: JourneyEvent[]
  missionLocaleId: MissionLocaleId
}

// ---------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------

/** The command id of a retention erasure: one per young person, so a re-run never records twice. */
const retentionCommandId = (youthId: YouthId): string =>
  `retention-erase-${createHash('sha256').update(youthId).digest('hex').slice(0, 40)}`

// Every journey of the log, and apart the ones with an event that cannot be decoded: their
// retention date cannot be known, so they are skipped (listed), never guessed.
const readJourneys = async (
  store: EventStore<JourneyEvent>,
  pageSize: number,
): Promise<Either<StoreError, { journeys: Map<YouthId, Journey>; skipped: RetentionSkip[] }>> => {
  const journeys = new Map<YouthId, Journey>()
  const scan = await scanJourneyLog(
    store,
    (recorded) => {
      const youthId = youthIdOfStream(recorded.streamName)
      if (youthId === null) return
      const journey = journeys.get(youthId)
      // The journey belongs to the mission locale of its last event (after any transfer).
      if (journey === undefined)
        journeys.set(youthId, { events: [recorded.event], missionLocaleId: recorded.event.missionLocaleId })
      else {
        journey.events.push(recorded.event)
        journey.missionLocaleId = recorded.event.missionLocaleId
      }
    },
    pageSize,
  )()
  if (isLeft(scan)) return scan
  const skipped: RetentionSkip[] = []
  for (const bad of scan.right.bad) {
    const youthId = youthIdOfStream(bad.streamName)
    if (youthId === null) continue
    journeys.delete(youthId)
    skipped.push({
      youthId,
      streamName: bad.streamName,
      revision: bad.revision,
      position: bad.position,
      reason: bad.reason,
    })
  }
  return right({ journeys, skipped })
}

// ---------------------------------------------------------------------------------------------
// the run
// ---------------------------------------------------------------------------------------------

/**
 * Erases the personal data of every young person past their retention date on `at` (age limit
 * + 2 years; CEJ end + 10 years) who is not erased yet, and lists them; with `dryRun`, only lists.
 * One failed erasure does not stop the others, nor does a journey with an event that cannot be
 * decoded (it is skipped and listed). Fails only when the log cannot be read.
 * `const r = await runRetention({...})()`.
 */
export const runRetention =
  ({
    store,
    vault,
    handle,
    at,
    dryRun,
    rules = defaultRetentionRules,
    pageSize = 1000,
    logger,
  }: RunRetentionInput): TaskEither<StoreError, RetentionRun> =>
  async () => {
    const log = logger?.child({ module: 'retention' })
    const read = await readJourneys(store, pageSize)
    if (isLeft(read)) return read
    const { journeys, skipped } = read.right
    for (const s of skipped)
      log?.warn(
        { youthId: s.youthId, revision: String(s.revision) },
        'retention skipped a journey it cannot read',
      )
    const due: RetentionEntry[] = []
    const unopened: RetentionUnopened[] = []
    for (const [youthId, journey] of journeys) {
      if (isPersonalDataErased(journey.events)) continue
      // The age limits are sealed: open them to know the retention date.
      const opened = await openAgeLimits(vault, foldJourney(journey.events))()
      if (isLeft(opened)) {
        log?.warn({ youthId, error: opened.left._tag }, 'retention: age limits could not be opened')
        unopened.push({ youthId, missionLocaleId: journey.missionLocaleId, error: opened.left })
        continue
      }
      const ageLimits = opened.right._tag === 'Opened' ? opened.right.ageLimits : undefined
      const dueOn = retentionDueOn(journey.events, rules, ageLimits)
      if (dueOn !== null && at >= dueOn)
        due.push({ youthId, missionLocaleId: journey.missionLocaleId, retentionDueOn: dueOn })
    }
    due.sort((a, b) => (a.youthId < b.youthId ? -1 : a.youthId > b.youthId ? 1 : 0))
    if (dryRun) {
      log?.info({ at, due: due.length }, 'retention dry run')
      return right({ at, dryRun, erased: due, failed: [], unopened, skipped })
    }
    const erased: RetentionEntry[] = []
    const failed: RetentionFailure[] = []
    for (const entry of due) {
      const { youthId, missionLocaleId } = entry
      const result = await erasePersonalData({
        vault,
        handle,
        store,
        youthId,
        missionLocaleId,
        on: at,
        commandId: retentionCommandId(youthId),
      })()
      if (isLeft(result)) {
        log?.warn({ youthId, error: result.left._tag }, 'retention erasure failed')
        failed.push({ ...entry, error: result.left })
      } else erased.push(entry)
    }
    log?.info({ at, erased: erased.length, failed: failed.length }, 'retention run')
    return right({ at, dryRun, erased, failed, unopened, skipped })
  }
