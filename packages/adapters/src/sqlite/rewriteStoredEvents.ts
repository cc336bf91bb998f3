import Database from 'better-sqlite3'
import { left, right, type Either } from 'fp-ts/lib/Either.js'
import { STATE_SNAPSHOTS_TABLE } from './sqliteStateSnapshots.js'

// ---------------------------------------------------------------------------------------------
// A schema migration of a SQLite event store, in place: the one case where stored events are
// rewritten, so that personal data an old version wrote in clear does not outlive the upgrade.
// ---------------------------------------------------------------------------------------------

/** One stored event as the migration sees it: its row, type, schema version and raw data. */
export interface StoredEventRow {
  readonly position: number
  readonly streamName: string
  readonly eventType: string
  readonly schemaVersion: number
  readonly data: unknown
}

/** What a migration writes back for one event: its new data and schema version. */
export interface RewrittenEvent {
  readonly position: number
  readonly schemaVersion: number
  readonly data: unknown
}

/** Why a rewrite failed; nothing was changed. */
export interface RewriteFailed {
  readonly _tag: 'RewriteFailed'
  readonly message: string
}

const failure = (e: unknown): RewriteFailed => ({
  _tag: 'RewriteFailed',
  message: e instanceof Error ? e.message : String(e),
})

/** The stored events of one type below a schema version, in log order. */
export const readStoredEvents = (
  path: string,
  eventType: string,
  belowVersion: number,
): Either<RewriteFailed, ReadonlyArray<StoredEventRow>> => {
  try {
    const db = new Database(path, { fileMustExist: true, readonly: true })
    try {
      const rows = db
        .prepare(
          `SELECT position, stream_name, event_type, data, metadata FROM events
           WHERE event_type = ? ORDER BY position`,
        )
        .all(eventType) as ReadonlyArray<{
        position: number
        stream_name: string
        event_type: string
        data: string
        metadata: string | null
      }>
      return right(
        rows
          .map((r) => ({
            position: r.position,
            streamName: r.stream_name,
            eventType: r.event_type,
            schemaVersion: Number(
              (JSON.parse(r.metadata ?? '{}') as { schemaVersion?: unknown }).schemaVersion ?? 1,
            ),
            data: JSON.parse(r.data) as unknown,
          }))
          .filter((r) => r.schemaVersion < belowVersion),
      )
    } finally {
      db.close()
    }
  } catch (e) {
    return left(failure(e))
  }
}

/**
 * Writes the rewritten events back in one transaction (all or nothing), with the deletion of the
 * command handlers' state snapshots kept in the file (folded from the old events), then
 * checkpoints the write-ahead log and vacuums the file, so that the old bytes are not left in
 * free pages.
 */
export const rewriteStoredEvents = (
  path: string,
  events: ReadonlyArray<RewrittenEvent>,
): Either<RewriteFailed, number> => {
  try {
    const db = new Database(path, { fileMustExist: true })
    try {
      const update = db.prepare(
        `UPDATE events SET data = ?, metadata = json_set(coalesce(metadata, '{}'), '$.schemaVersion', ?)
         WHERE position = ?`,
      )
      const snapshotsKept =
        db
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
          .get(STATE_SNAPSHOTS_TABLE) !== undefined
      db.transaction(() => {
        for (const e of events) update.run(JSON.stringify(e.data), e.schemaVersion, e.position)
        // States folded from the old events go with them: a handler folds them again from the new.
        if (snapshotsKept && events.length > 0) db.exec(`DELETE FROM ${STATE_SNAPSHOTS_TABLE}`)
      })()
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.exec('VACUUM')
      db.pragma('wal_checkpoint(TRUNCATE)')
      return right(events.length)
    } finally {
      db.close()
    }
  } catch (e) {
    return left(failure(e))
  }
}
