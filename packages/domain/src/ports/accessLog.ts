import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { AccessPurpose } from '../access/accessRequest.js'
import type { MissionLocaleId, YouthId } from '../model/ids.js'

// ---------------------------------------------------------------------------------------------
// model: the AccessLog port — every opening of a young person's identity or comments, kept in a
// store the actor cannot rewrite. An entry holds pseudonymous ids only, never what was opened.
// Calls return a TaskEither: `const r = await accessLog.record(entry)()`.
// ---------------------------------------------------------------------------------------------

/** What is opened of a journey's personal data. */
export type OpenedData = 'identity' | 'comments' | 'allowance-basis'

/** One opening: who, when, which journey (and the mission locale holding it then), why, what. */
export interface AccessLogEntry {
  /** The instant of the opening (ISO 8601, UTC), from the shell's clock. */
  readonly at: string
  /** The actor, as its token (`counsellor:c-1@ml-a`). */
  readonly actor: string
  readonly youthId: YouthId
  readonly missionLocaleId: MissionLocaleId
  /** The command or query that opened it. */
  readonly purpose: AccessPurpose
  readonly opened: ReadonlyArray<OpenedData>
}

/** An entry as the log holds it: its place in the chain and the hash that seals it to the ones before. */
export interface RecordedAccess extends AccessLogEntry {
  /** 1 for the first entry, then one more each time. */
  readonly sequence: number
  /** SHA-256 (hex) of the previous entry's hash and this entry: changing any entry breaks every later hash. */
  readonly hash: string
}

/** The access log cannot be reached or written: nothing was opened. */
export interface AccessLogUnavailable {
  readonly _tag: 'AccessLogUnavailable'
  readonly message: string
}

/** An entry was changed, removed or inserted behind the log's back: its chain no longer holds. */
export interface AccessLogTampered {
  readonly _tag: 'AccessLogTampered'
  readonly sequence: number
  readonly message: string
}

/** A prune asked to remove entries younger than the shortest time they must be kept. */
export interface AccessLogRetentionTooShort {
  readonly _tag: 'AccessLogRetentionTooShort'
  readonly before: string
  readonly notAfter: string
  readonly message: string
}

/** What an access log call can fail with. */
export type AccessLogError = AccessLogUnavailable | AccessLogTampered

/**
 * How long entries are kept (CNIL: traceability logs 6 months to 1 year): `prune` removes those
 * older than `keepMonths` and refuses to go below `minimumMonths`.
 */
export const accessLogRetention = { keepMonths: 12, minimumMonths: 6 } as const

/**
 * Where the chain starts once older entries were pruned: the last pruned entry's sequence and hash
 * (0 and the genesis hash when nothing was), so the entries kept still prove they were not changed.
 */
export interface AccessLogAnchor {
  readonly sequence: number
  readonly hash: string
}

/** What a prune removed, and who ran it. */
export interface AccessLogPruned {
  /** Entries removed by this prune (0 when none was old enough). */
  readonly pruned: number
  /** The instant before which entries were removed. */
  readonly before: string
  /** Where the chain starts now. */
  readonly anchor: AccessLogAnchor
}

/** An append-only, hash-chained log of openings. */
export interface AccessLog {
  /** Appends an entry; answered only once it is stored. */
  readonly record: (entry: AccessLogEntry) => TaskEither<AccessLogError, RecordedAccess>
  /** The entries about journeys a mission locale held when they were opened, oldest first, after checking the whole chain. */
  readonly list: (filter: {
    readonly missionLocaleId: MissionLocaleId
  }) => TaskEither<AccessLogError, ReadonlyArray<RecordedAccess>>
  /**
   * Removes, in one unit, the entries recorded before `before` (an ISO instant), after checking the
   * whole chain, and records the prune (who, when, up to which entry, its hash). Entries after it
   * keep proving the chain from that anchor. `notAfter` is the latest `before` allowed (the shell
   * computes it from `accessLogRetention.minimumMonths`): later, it is refused and nothing changes.
   */
  readonly prune: (request: {
    readonly before: string
    readonly notAfter: string
    readonly at: string
    readonly actor: string
  }) => TaskEither<AccessLogError | AccessLogRetentionTooShort, AccessLogPruned>
  /** Releases what the log holds open; every entry was written before its call resolved. */
  readonly close: () => Promise<void>
}
