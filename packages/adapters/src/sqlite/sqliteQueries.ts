import type Database from 'better-sqlite3'
import type { GlobalFilter, GlobalPosition, StreamRevision } from '@parcours/domain'
import type { StoredEvent } from '../serialization/index.js'

// ---------------------------------------------------------------------------------------------
// model: the rows as better-sqlite3 returns them (safe integers: positions are bigint).
// ---------------------------------------------------------------------------------------------

/** An `events` row. */
export interface EventRow {
  readonly position: bigint
  readonly event_id: string
  readonly stream_name: string
  readonly revision: bigint
  readonly event_type: string
  readonly data: string | Uint8Array
  readonly metadata: string | Uint8Array | null
  readonly recorded_at: string
}

/** An `events` row as an array, in the order of COLUMNS. */
type RawEventRow = readonly [
  position: bigint,
  event_id: string,
  stream_name: string,
  revision: bigint,
  event_type: string,
  data: string | Uint8Array,
  metadata: string | Uint8Array | null,
  recorded_at: string,
]

const COLUMNS = 'position, event_id, stream_name, revision, event_type, data, metadata, recorded_at'

/** A row as the serialization reads it. */
export const toStoredEvent = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  streamName: row.stream_name,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  type: row.event_type,
  data: row.data,
  metadata: row.metadata ?? undefined,
  recordedAt: row.recorded_at,
})

// ---------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------

/**
 * The prepared statements of the store; filtered reads are prepared once per query shape.
 *
 * @internal the store's own; left out of the published declarations (it takes a better-sqlite3
 * handle, whose types a user of the package need not install).
 */
export const prepareQueries = (db: Database.Database) => {
  const prepare = <T>(sql: string) => db.prepare<Array<unknown>, T>(sql).safeIntegers(true)
  const cache = new Map<string, Database.Statement<Array<unknown>, EventRow>>()
  const cached = (sql: string) => {
    let statement = cache.get(sql)
    if (statement === undefined) {
      statement = prepare<EventRow>(sql)
      cache.set(sql, statement)
    }
    return statement
  }

  const lastRevision = prepare<{ r: bigint | null }>(
    'SELECT max(revision) AS r FROM events WHERE stream_name = ?',
  )
  const idAt = prepare<{ event_id: string }>(
    'SELECT event_id FROM events WHERE stream_name = ? AND revision = ?',
  )
  const positionAt = prepare<{ position: bigint }>(
    'SELECT position FROM events WHERE stream_name = ? AND revision = ?',
  )
  const byId = prepare<{ stream_name: string; revision: bigint }>(
    'SELECT stream_name, revision FROM events WHERE event_id = ?',
  )
  const insert = db
    .prepare(
      'INSERT INTO events (event_id, stream_name, revision, event_type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .safeIntegers(true)
  // Without a LIMIT when there is none: bound to -1, it made an empty tail's read 1.7 times dearer.
  const streamPositions = db
    .prepare<[string, number, number], number>(
      'SELECT position FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?',
    )
    .pluck()
  const allStreamPositions = db
    .prepare<[string, number], number>(
      'SELECT position FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision',
    )
    .pluck()
  // Stream by stream, from the (stream_name, revision) index: a keyset page after a stream and revision.
  // Rows as arrays (in COLUMNS' order), turned into StoredEvents directly: no row object between.
  const byStream = db
    .prepare<Array<unknown>, RawEventRow>(
      `SELECT ${COLUMNS} FROM events WHERE (stream_name, revision) > (?, ?) AND stream_name < ? AND position <= ? ORDER BY stream_name, revision LIMIT ?`,
    )
    .safeIntegers(true)
    .raw(true)
  const after = prepare<EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  )

  return {
    lastRevision: (streamName: string): StreamRevision => lastRevision.get(streamName)?.r ?? -1n,
    idAt: (streamName: string, revision: StreamRevision): string | undefined =>
      idAt.get(streamName, revision)?.event_id,
    positionAt: (streamName: string, revision: StreamRevision): GlobalPosition | undefined =>
      positionAt.get(streamName, revision)?.position,
    byId: (id: string) => byId.get(id),
    insert: (row: Omit<EventRow, 'position'>): GlobalPosition =>
      BigInt(
        insert.run(
          row.event_id,
          row.stream_name,
          row.revision,
          row.event_type,
          row.data,
          row.metadata,
          row.recorded_at,
        ).lastInsertRowid,
      ),
    /** The positions of a stream's events from a revision on, in order (read from the index alone). */
    streamPositions: (streamName: string, from: StreamRevision, limit: number): ReadonlyArray<number> =>
      limit < 0
        ? allStreamPositions.all(streamName, Number(from))
        : streamPositions.all(streamName, Number(from), limit),
    /**
     * Events in stream-name then revision order, strictly after (`afterStream`, `afterRevision`),
     * in streams named before `beforeStream`, at global positions up to `upTo`.
     */
    byStream: (
      afterStream: string,
      afterRevision: StreamRevision,
      beforeStream: string,
      upTo: GlobalPosition,
      limit: number,
    ): ReadonlyArray<StoredEvent> => {
      const rows = byStream.all(afterStream, afterRevision, beforeStream, upTo, limit)
      const out = new Array<StoredEvent>(rows.length)
      for (let i = 0; i < rows.length; i++) {
        const [position, id, streamName, revision, type, data, metadata, recordedAt] = rows[i] as RawEventRow
        out[i] = {
          id,
          streamName,
          revision,
          position,
          type,
          data,
          metadata: metadata ?? undefined,
          recordedAt,
        }
      }
      return out
    },
    after: (position: GlobalPosition | undefined, limit: number): ReadonlyArray<EventRow> =>
      after.all(position ?? 0n, limit),
    stream: (
      streamName: string,
      backwards: boolean,
      from: StreamRevision | undefined,
      limit: number,
    ): ReadonlyArray<EventRow> => {
      const bound = from === undefined ? '' : backwards ? 'AND revision <= ?' : 'AND revision >= ?'
      const sql = `SELECT ${COLUMNS} FROM events WHERE stream_name = ? ${bound} ORDER BY revision ${backwards ? 'DESC' : 'ASC'}${limit < 0 ? '' : ' LIMIT ?'}`
      return cached(sql).all(
        ...[streamName, ...(from === undefined ? [] : [from]), ...(limit < 0 ? [] : [limit])],
      )
    },
    all: (
      backwards: boolean,
      from: GlobalPosition | undefined,
      filter: GlobalFilter | undefined,
      limit: number,
    ): ReadonlyArray<EventRow> => {
      const where: Array<string> = []
      const params: Array<unknown> = []
      if (from !== undefined) {
        where.push(backwards ? 'position < ?' : 'position >= ?')
        params.push(from)
      }
      const prefixes = filter?.streamPrefixes ?? []
      if (prefixes.length > 0) {
        where.push(`(${prefixes.map(() => 'substr(stream_name, 1, length(?)) = ?').join(' OR ')})`)
        for (const prefix of prefixes) params.push(prefix, prefix)
      }
      const types = filter?.eventTypes ?? []
      if (types.length > 0) {
        where.push(`event_type IN (${types.map(() => '?').join(', ')})`)
        params.push(...types)
      }
      const sql = `SELECT ${COLUMNS} FROM events ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`
      return cached(sql).all(...params, limit)
    },
  }
}

/** The store's prepared queries. @internal */
export type SqliteQueries = ReturnType<typeof prepareQueries>
