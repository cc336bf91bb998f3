import { left, right } from 'fp-ts/lib/Either.js'
import type { AccessLog, AccessLogAnchor, RecordedAccess } from '@parcours/domain'
import { brokenLink, NO_ANCHOR, sealEntry, tooShort } from './hashChain.js'

/** An access log in memory (tests, demos): the same chain, gone with the process. */
export const getInMemoryAccessLog = (): AccessLog & {
  /** Every entry recorded and not pruned, oldest first. */
  readonly entries: () => ReadonlyArray<RecordedAccess>
} => {
  let entries: RecordedAccess[] = []
  let anchor: AccessLogAnchor = NO_ANCHOR
  const last = (): AccessLogAnchor => entries[entries.length - 1] ?? anchor
  return {
    record: (entry) => async () => {
      const before = last()
      const recorded = sealEntry(before.hash, before.sequence + 1, entry)
      entries.push(recorded)
      return right(recorded)
    },
    list:
      ({ missionLocaleId }) =>
      async () => {
        const broken = brokenLink(entries, anchor)
        return broken === undefined
          ? right(entries.filter((e) => e.missionLocaleId === missionLocaleId))
          : left(broken)
      },
    prune:
      ({ before, notAfter }) =>
      async () => {
        const refused = tooShort(before, notAfter) ?? brokenLink(entries, anchor)
        if (refused !== undefined) return left(refused)
        const old = entries.filter((e) => e.at < before)
        const lastOld = old[old.length - 1]
        if (lastOld !== undefined) {
          anchor = { sequence: lastOld.sequence, hash: lastOld.hash }
          entries = entries.slice(old.length)
        }
        return right({ pruned: old.length, before, anchor })
      },
    entries: () => entries,
    close: async () => undefined,
  }
}
