import { isLeft } from 'fp-ts/lib/Either.js'
import { PersonalFields } from '@parcours/adapters'
import {
  decideAccess,
  describeAccessDenied,
  describeJourneyError,
  decodeCommand,
  actorRef,
  type AccessPolicy,
  type AccessRequest,
  type Actor,
  type JourneyCommand,
} from '@parcours/domain'
import { commandAccessRequest } from '../store/access.js'
import { journeyFailure } from '../store/errors.js'
import type { ServeHandles } from './handles.js'

// ---------------------------------------------------------------------------------------------
// the one path of a journey command sent over HTTP (the API and the forms): decode, ask the
// access policy, handle (the handler checks the rules, seals the personal fields, records)
// ---------------------------------------------------------------------------------------------

/** The policy's refusal as a command's outcome; undefined when the actor may. */
export const accessDenied = (
  policy: AccessPolicy,
  actor: Actor,
  request: AccessRequest,
): Extract<CommandOutcome, { _tag: 'AccessDenied' }> | undefined => {
  const decision = decideAccess(policy, actor, request)
  return isLeft(decision)
    ? {
        _tag: 'AccessDenied',
        actor: actorRef(actor),
        rule: decision.left.rule,
        message: describeAccessDenied(decision.left),
      }
    : undefined
}

/** What came of a command, one case per HTTP answer. */
export type CommandOutcome =
  | {
      readonly _tag: 'Handled'
      readonly commandId: string
      readonly streamName: string
      readonly replayed: boolean
      readonly events: ReadonlyArray<{ readonly revision: number; readonly type: string }>
    }
  /** The input is not a command: `field` is the first wrong one. */
  | { readonly _tag: 'InvalidInput'; readonly field: string; readonly message: string }
  /** The access policy refused the actor. */
  | { readonly _tag: 'AccessDenied'; readonly actor: string; readonly rule: string; readonly message: string }
  /** A journey rule refused the command. */
  | { readonly _tag: 'Refused'; readonly rule: string; readonly message: string }
  /** The journey kept changing under the command: send it again (same command id) later. */
  | { readonly _tag: 'Conflict'; readonly message: string; readonly retryAfterSeconds: number }
  /** The store, the vault or the access log failed: nothing was written. */
  | { readonly _tag: 'Failed'; readonly message: string }

/** What a client sends: the command's own fields, and the personal fields to seal. */
export interface CommandInput {
  readonly commandId: string
  /** The command's fields (`type`, `missionLocaleId`, `on`…); `youthId` comes from the URL. */
  readonly command: Readonly<Record<string, unknown>>
  /** Names, birth date, a comment…: sealed in the vault, never stored in clear. */
  readonly personal?: unknown
}

const invalid = (path: string): CommandOutcome => ({
  _tag: 'InvalidInput',
  field: path.slice(0, path.indexOf(':')).trim() || '(root)',
  message: path,
})

/** Seconds a client waits before sending a command again after a conflict. */
export const CONFLICT_RETRY_SECONDS = 1

// The sealed fields are the handler's to fill from `personal`: a client never sends them sealed.
const SEALED_FIELDS = { personalData: null, comment: null } as const

/** Runs one journey command on behalf of `actor` (see `CommandOutcome` for every answer). */
export const runJourneyCommand = async (
  h: Pick<ServeHandles, 'env' | 'policy'>,
  actor: Actor,
  youthId: string,
  input: CommandInput,
): Promise<CommandOutcome> => {
  const { sealedAgeLimits: _dropped, ...fields } = input.command
  const decoded = decodeCommand({ ...fields, ...SEALED_FIELDS, youthId })
  if (isLeft(decoded)) return invalid(decoded.left.paths[0] ?? '(root): not a command')
  const command: JourneyCommand = decoded.right
  let personal: PersonalFields | undefined
  if (input.personal !== undefined) {
    const p = PersonalFields.decode(input.personal)
    if (isLeft(p)) return invalid('personal: expected an object of text fields (names, birthDate, comment)')
    personal = Object.keys(p.right).length === 0 ? undefined : p.right
  }
  if (command.type === 'RegisterYouth' && personal?.birthDate !== command.birthDate)
    personal = { ...personal, birthDate: command.birthDate }
  // Access first: a denied actor learns nothing of the journey's rules or state.
  const denied = accessDenied(h.policy, actor, await commandAccessRequest(h.env, command))
  if (denied !== undefined) return denied
  const handled = await h.env.handle({
    commandId: input.commandId,
    command,
    ...(personal === undefined ? {} : { personal }),
  })()
  if (isLeft(handled)) {
    const e = handled.left
    switch (e._tag) {
      case 'Rejected':
        return {
          _tag: 'Refused',
          rule: e.error._tag,
          message: `refused by rule ${e.error._tag}: ${describeJourneyError(e.error)}`,
        }
      case 'KeyErased':
        return {
          _tag: 'Refused',
          rule: 'PersonalDataErased',
          message: `refused by rule PersonalDataErased: the personal data of ${youthId} was erased; no new personal data can be recorded for them.`,
        }
      case 'NothingToSeal':
        return invalid(`personal: ${e.commandType} carries no personal data`)
      case 'ConcurrencyConflict':
        return {
          _tag: 'Conflict',
          message: `the journey ${youthId} kept changing: gave up after ${e.attempts} attempts; nothing was written. Send the same command (same commandId) again.`,
          retryAfterSeconds: CONFLICT_RETRY_SECONDS,
        }
      default:
        return { _tag: 'Failed', message: journeyFailure(e).message }
    }
  }
  const r = handled.right
  h.env.logger.info(
    {
      commandId: input.commandId,
      type: command.type,
      youthId,
      events: r.events.length,
      actor: actorRef(actor),
    },
    'command handled',
  )
  return {
    _tag: 'Handled',
    commandId: input.commandId,
    streamName: r.streamName,
    replayed: r.replayed,
    events: r.events.map((e) => ({ revision: Number(e.revision), type: e.event.type })),
  }
}
