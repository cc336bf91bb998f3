// ---------------------------------------------------------------------------------------------
// model: what the stand-in stores — one log of records, as EventStoreDB's transaction file holds
// them. The object is plain data, so a stopped stand-in's data can start another one.
// ---------------------------------------------------------------------------------------------

/** One event in the stand-in's log. */
export interface StoredRecord {
  readonly streamName: string
  readonly revision: bigint
  /** The event id, a lowercase UUID. */
  readonly id: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly customMetadata: Uint8Array
  /** The position in `$all` (commit = prepare), a byte offset like a real log's. */
  readonly position: bigint
  /** When it was written, in .NET ticks (100 ns) since the Unix epoch. */
  readonly created: bigint
}

/** What a stand-in holds; pass it to `startEsdbStandIn({ data })` to restart with the same data. */
export interface EsdbStandInData {
  readonly records: StoredRecord[]
}

/** The revision a tombstone is written at (long.MaxValue, as the server does). */
export const TOMBSTONE_REVISION = 9223372036854775807n

/** Bytes a record takes in the log besides its payloads: positions rise by record size, unevenly. */
const RECORD_OVERHEAD = 94n

const utf8 = new TextEncoder()

/** The position of the record written after this one. */
export const nextPosition = (record: StoredRecord | undefined): bigint =>
  record === undefined
    ? 0n
    : record.position +
      RECORD_OVERHEAD +
      BigInt(
        utf8.encode(record.streamName).length +
          utf8.encode(record.type).length +
          record.data.length +
          record.customMetadata.length,
      )

/** Ticks (100 ns since the Unix epoch) for now. */
export const ticksNow = (): bigint => BigInt(Date.now()) * 10_000n

const systemRecord = (
  streamName: string,
  type: string,
  id: string,
  json: unknown,
): Omit<StoredRecord, 'position'> => ({
  streamName,
  revision: 0n,
  id,
  type,
  contentType: 'application/json',
  data: utf8.encode(JSON.stringify(json)),
  customMetadata: new Uint8Array(),
  created: ticksNow(),
})

/**
 * Fresh data, holding the few system events a new server writes before anyone connects, so that
 * readers of `$all` meet them as they would on a real server.
 */
export const createStandInData = (): EsdbStandInData => {
  const seeds = [
    systemRecord('$epochs', '$epoch-information', '9f1c2a4e-0b1d-4c5e-8a8f-2d1e6c0b7a11', { epochNumber: 0 }),
    systemRecord('$users', '$User', 'c3a5d9e2-6f4b-4a1c-9e7d-5b2f8a6c1d22', { loginName: 'admin' }),
    systemRecord('$user-admin', '$user', 'e8b7f6a5-4d3c-4b2a-8190-7a6b5c4d3e33', {
      loginName: 'admin',
      fullName: 'Event Store Administrator',
    }),
    systemRecord('$settings', '$settings', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c44', {
      $userStreamAcl: {},
      $systemStreamAcl: {},
    }),
  ]
  const records: StoredRecord[] = []
  for (const seed of seeds) records.push({ ...seed, position: nextPosition(records.at(-1)) })
  return { records }
}
