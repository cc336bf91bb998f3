import { left, right } from 'fp-ts/lib/Either.js'
import type { AccessLog, RecordedAccess } from '@parcours/domain'
import { brokenLink, GENESIS, sealEntry } from './hashChain.js'

/** An access log in memory (tests, demos): the same chain, gone with the process. */
export const getInMemoryAccessLog = (): AccessLog & {
  readonly entries: () => ReadonlyArray<RecordedAccess>
} => {
  const entries: RecordedAccess[] = []
  return {
    record: (entry) => async () => {
      const recorded = sealEntry(entries[entries.length - 1]?.hash ?? GENESIS, entries.length + 1, entry)
      entries.push(recorded)
      return right(recorded)
    },
    list:
      ({ missionLocaleId }) =>
      async () => {
        const broken = brokenLink(entries)
        return broken === undefined
          ? right(entries.filter((e) => e.missionLocaleId === missionLocaleId))
          : left(broken)
      },
    entries: () => entries,
    close: async () => undefined,
  }
}
