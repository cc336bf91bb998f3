import { createHash } from 'node:crypto'
import type { AccessLogEntry, AccessLogTampered, RecordedAccess } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// utils: the hash chain that seals each entry of the access log to the ones before it
// ---------------------------------------------------------------------------------------------

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64)

// Fields in a fixed order, so the hash does not depend on how an object was built.
const canonical = (sequence: number, e: AccessLogEntry): string =>
  JSON.stringify([sequence, e.at, e.actor, e.youthId, e.missionLocaleId, e.purpose, [...e.opened]])

/** The hash of an entry at `sequence` after an entry whose hash is `previous`. */
export const chainHash = (previous: string, sequence: number, entry: AccessLogEntry): string =>
  createHash('sha256').update(previous).update('\n').update(canonical(sequence, entry)).digest('hex')

/** The entry as the log stores it. */
export const sealEntry = (previous: string, sequence: number, entry: AccessLogEntry): RecordedAccess => ({
  at: entry.at,
  actor: entry.actor,
  youthId: entry.youthId,
  missionLocaleId: entry.missionLocaleId,
  purpose: entry.purpose,
  opened: [...entry.opened],
  sequence,
  hash: chainHash(previous, sequence, entry),
})

/** The first entry whose sequence or hash breaks the chain, if any. */
export const brokenLink = (entries: ReadonlyArray<RecordedAccess>): AccessLogTampered | undefined => {
  let previous = GENESIS
  for (const [i, e] of entries.entries()) {
    if (e.sequence !== i + 1)
      return {
        _tag: 'AccessLogTampered',
        sequence: i + 1,
        message: `access log entry ${i + 1} is missing (found ${e.sequence} in its place)`,
      }
    if (chainHash(previous, e.sequence, e) !== e.hash)
      return {
        _tag: 'AccessLogTampered',
        sequence: e.sequence,
        message: `access log entry ${e.sequence} was changed: its hash no longer follows from the entries before it`,
      }
    previous = e.hash
  }
  return undefined
}
