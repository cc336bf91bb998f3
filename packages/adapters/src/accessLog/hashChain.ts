import { createHash } from 'node:crypto'
import type { AccessLogAnchor, AccessLogEntry, AccessLogTampered, RecordedAccess } from '@parcours/domain'

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

/** Where the chain starts when nothing was pruned. */
export const NO_ANCHOR: AccessLogAnchor = { sequence: 0, hash: GENESIS }

/** The first entry whose sequence or hash breaks the chain from `anchor` (the last pruned entry), if any. */
export const brokenLink = (
  entries: ReadonlyArray<RecordedAccess>,
  anchor: AccessLogAnchor = NO_ANCHOR,
): AccessLogTampered | undefined => {
  let previous = anchor.hash
  for (const [i, e] of entries.entries()) {
    const expected = anchor.sequence + i + 1
    if (e.sequence !== expected)
      return {
        _tag: 'AccessLogTampered',
        sequence: expected,
        message: `access log entry ${expected} is missing (found ${e.sequence} in its place)`,
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

/** A prune that would remove entries younger than the shortest retention. */
export const tooShort = (before: string, notAfter: string) =>
  before > notAfter
    ? ({
        _tag: 'AccessLogRetentionTooShort',
        before,
        notAfter,
        message: `access log entries are kept until ${notAfter} at least; a prune before ${before} would remove younger ones`,
      } as const)
    : undefined
