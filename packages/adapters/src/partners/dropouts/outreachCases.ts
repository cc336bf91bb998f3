import { createHash } from 'node:crypto'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Logger } from 'pino'
import {
  describeOutreachError,
  outreachDecider,
  outreachStreamName,
  type EventStore,
  type OutreachCaseId,
  type OutreachCommand,
  type OutreachError,
  type OutreachEvent,
  type Sealed,
  type YouthId,
} from '@parcours/domain'
import {
  createCommandHandler,
  type CommandHandler,
  type CommandHandlingError,
} from '../../commandHandling/index.js'
import type { OpenResult, Vault } from '../../vault/vault.js'
import { describeVaultError, type VaultError } from '../../vault/vaultErrors.js'

// ---------------------------------------------------------------------------------------------
// outreach cases on a store: the command handler, the case id of a partner's row, and the vault
// subject a case seals with (its own key, apart from any journey's).
// ---------------------------------------------------------------------------------------------

/** Handles outreach commands: `await handle({ commandId, command })()`. */
export type OutreachCommandHandler = CommandHandler<OutreachCommand, OutreachEvent, OutreachError>

/** The outreach command handler on a store of outreach events. */
export const createOutreachCommandHandler = (options: {
  readonly store: EventStore<OutreachEvent>
  readonly logger?: Logger
}): OutreachCommandHandler =>
  createCommandHandler({
    store: options.store,
    decider: outreachDecider,
    streamName: (c: OutreachCommand) => outreachStreamName(c.caseId),
    metadata: (c) => ('missionLocaleId' in c ? { tenant: c.missionLocaleId } : {}),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })

/**
 * The case id of a partner's row: `oc-` and 24 hex digits of SHA-256 over the list and row ids,
 * so the same row delivered again names the same case (and writes nothing).
 */
export const outreachCaseIdOf = (listId: string, rowId: string): OutreachCaseId =>
  `oc-${createHash('sha256').update(`${listId}\u0000${rowId}`).digest('hex').slice(0, 24)}` as OutreachCaseId

/** The vault subject of a case: its id (`oc-…`), never a journey's, so each case has its own key. */
export const outreachVaultSubject = (caseId: OutreachCaseId): YouthId => caseId as string as YouthId

/** Whether a vault subject is an outreach case's (its key is judged by the case, not a journey). */
export const isOutreachVaultSubject = (subject: string): boolean => /^oc-[0-9a-f]{8,64}$/.test(subject)

/** Opens a case's sealed identity (the caller records the opening in the access log first). */
export const openOutreachIdentity = (
  vault: Vault,
  caseId: OutreachCaseId,
  sealed: Sealed,
): TaskEither<VaultError, OpenResult> => vault.open(sealed, outreachVaultSubject(caseId))

const VAULT_TAGS = new Set([
  'KeyNotFound',
  'KeyErased',
  'CorruptKey',
  'DecryptionFailed',
  'KeyStoreUnavailable',
])

/** One sentence for what handling an outreach command ended with. */
export const describeOutreachFailure = (e: CommandHandlingError<OutreachError> | VaultError): string =>
  e._tag === 'Rejected'
    ? describeOutreachError(e.error)
    : VAULT_TAGS.has(e._tag)
      ? describeVaultError(e as VaultError)
      : e._tag === 'ConcurrencyConflict'
        ? `outreach case stream ${e.streamName} kept changing (${e.attempts} attempts)`
        : `${e._tag}${'message' in e && typeof e.message === 'string' ? `: ${e.message}` : ''}`
