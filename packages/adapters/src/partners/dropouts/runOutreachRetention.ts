import { isLeft, right } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import {
  defaultOutreachRetentionRules,
  foldOutreachCase,
  outreachRetentionDueOn,
  type EventStore,
  type LocalDate,
  type MissionLocaleId,
  type OutreachCaseId,
  type OutreachEvent,
  type OutreachRetentionRules,
  type StoreError,
} from '@parcours/domain'
import type { Vault } from '../../vault/vault.js'
import {
  describeOutreachFailure,
  outreachVaultSubject,
  type OutreachCommandHandler,
} from './outreachCases.js'

// ---------------------------------------------------------------------------------------------
// retention of the outreach cases: each case past its date (closing day of a registered case;
// 12 months after the latest fact of one never registered) has its key erased first — nothing
// sealed with it can be read again — then, when still open, is closed by retention, and records
// the erasure. A run that fails half-way is run again: erasing a key twice changes nothing.
// ---------------------------------------------------------------------------------------------

/** A case erased (in a dry run: to erase). */
export interface OutreachRetentionEntry {
  readonly caseId: OutreachCaseId
  readonly missionLocaleId: MissionLocaleId
  readonly retentionDueOn: LocalDate
}

/** What an outreach retention run did. */
export interface OutreachRetentionRun {
  readonly erased: ReadonlyArray<OutreachRetentionEntry>
  readonly failed: ReadonlyArray<OutreachRetentionEntry & { readonly reason: string }>
}

/** Erases the personal data of every outreach case past its retention date on `at`. */
export const runOutreachRetention =
  (input: {
    readonly store: EventStore<OutreachEvent>
    readonly handle: OutreachCommandHandler
    readonly vault: Vault
    readonly at: LocalDate
    readonly dryRun: boolean
    readonly rules?: OutreachRetentionRules
    readonly logger?: Logger
  }): TaskEither<StoreError, OutreachRetentionRun> =>
  async () => {
    const all = await input.store.readAll()()
    if (isLeft(all)) return all
    const byCase = new Map<string, OutreachEvent[]>()
    for (const r of all.right) byCase.set(r.streamName, [...(byCase.get(r.streamName) ?? []), r.event])
    const erased: OutreachRetentionEntry[] = []
    const failed: Array<OutreachRetentionEntry & { readonly reason: string }> = []
    for (const events of byCase.values()) {
      const s = foldOutreachCase(events)
      if (s._tag === 'NoCase' || s.erased) continue
      const dueOn = outreachRetentionDueOn(s, input.rules ?? defaultOutreachRetentionRules)
      if (dueOn === null || dueOn > input.at) continue
      const entry = { caseId: s.caseId, missionLocaleId: s.missionLocaleId, retentionDueOn: dueOn }
      if (input.dryRun) {
        erased.push(entry)
        continue
      }
      const key = await input.vault.eraseKey(outreachVaultSubject(s.caseId), [s.keyId])()
      if (isLeft(key)) {
        failed.push({ ...entry, reason: describeOutreachFailure(key.left) })
        continue
      }
      const commands = [
        ...(s.closed === null
          ? [
              {
                type: 'CloseOutreachCase',
                caseId: s.caseId,
                reason: 'retention',
                youthId: null,
                on: input.at,
              } as const,
            ]
          : []),
        { type: 'EraseOutreachPersonalData', caseId: s.caseId, on: input.at } as const,
      ]
      let reason: string | null = null
      for (const command of commands) {
        const done = await input.handle({ commandId: `retention-${command.type}-${s.caseId}`, command })()
        if (isLeft(done)) {
          reason = describeOutreachFailure(done.left)
          break
        }
      }
      if (reason === null) erased.push(entry)
      else failed.push({ ...entry, reason })
    }
    input.logger
      ?.child({ module: 'outreachRetention' })
      .info({ erased: erased.length, failed: failed.length }, 'outreach retention run')
    return right({ erased, failed })
  }
