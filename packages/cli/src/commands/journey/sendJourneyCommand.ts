import { randomUUID } from 'node:crypto'
import type { Command } from 'commander'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { PersonalFields } from '@parcours/adapters'
import { decodeCommand, type JourneyCommand, type KeyId, type Sealed, type YouthId } from '@parcours/domain'
import type { RunContext } from '../../cli/context.js'
import { refusedError, usageError } from '../../cli/errors.js'
import { authorizeCommand } from '../../store/access.js'
import { vaultFailure } from '../../store/errors.js'
import { handleOrFail, journeyHandler, precheck } from '../../store/journeyHandler.js'
import type { JourneyOptions } from './journeyOptions.js'

// ---------------------------------------------------------------------------------------------
// the one path of every journey command: check, seal, handle, print
// ---------------------------------------------------------------------------------------------

type Body = Record<string, unknown> & { readonly type: JourneyCommand['type'] }

/** Personal fields to seal, and the field of the command that carries them. */
export interface ToSeal {
  readonly field: 'personalData' | 'comment'
  readonly fields: PersonalFields
}

// Stands in for sealed data while the rules are checked, so that a refused command seals nothing.
const PLACEHOLDER: Sealed = { keyId: 'precheck' as KeyId, alg: 'A256GCM', iv: '', ciphertext: '', tag: '' }

const decode = (u: unknown): JourneyCommand => {
  const decoded = decodeCommand(u)
  if (isLeft(decoded)) throw usageError(`invalid command: ${decoded.left.paths.join('; ')}`)
  return decoded.right
}

// Erasure is for good: no new personal data is recorded for that person (exit 1, naming why).
const erasedRefusal = (youthId: string, field: ToSeal['field']) =>
  refusedError(
    `refused by rule PersonalDataErased: the personal data of ${youthId} was erased; no new ${field === 'comment' ? 'comment' : 'identity'} can be recorded for them${field === 'comment' ? ' (send it without --comment)' : ''}.`,
  )

/**
 * Sends one journey command: checks it against the rules, seals its personal data through the
 * vault, handles it (idempotent under its command id), and prints what was written.
 */
export const sendJourneyCommand = async (
  ctx: RunContext,
  cmd: Command,
  options: JourneyOptions,
  body: Body,
  toSeal?: ToSeal,
): Promise<void> => {
  const base = { ...body, youthId: options.youth, missionLocaleId: options.missionLocale, on: options.on }
  const session = ctx.session(cmd)
  const draft = decode(toSeal === undefined ? base : { ...base, [toSeal.field]: PLACEHOLDER })
  const env = await ctx.openStore(cmd)
  // Access first: a denied actor learns nothing of the journey's rules or state.
  await authorizeCommand(session, env, draft)
  const commandId = options.commandId ?? `cli-${randomUUID()}`
  // A retry seals nothing: the handler answers it with the events of the first run, whatever the key's fate since.
  const handled = await precheck(env, commandId, draft)
  let command = draft
  if (toSeal !== undefined && handled === 'new') {
    const sealed = await env.vault.seal(options.youth as YouthId, toSeal.fields)()
    if (isLeft(sealed))
      throw sealed.left._tag === 'KeyErased'
        ? erasedRefusal(sealed.left.youthId, toSeal.field)
        : vaultFailure(sealed.left)
    command = decode({ ...base, [toSeal.field]: sealed.right })
  }
  const result = await handleOrFail(journeyHandler(env), commandId, command)
  env.logger.info(
    { commandId, type: command.type, youthId: command.youthId, events: result.events.length },
    'command handled',
  )
  const events = result.events.map((e) => ({ revision: Number(e.revision), type: e.event.type }))
  if (options.json === true) {
    ctx.io.stdout.write(
      `${JSON.stringify({ commandId, streamName: result.streamName, replayed: result.replayed, events }, null, 2)}\n`,
    )
    return
  }
  const what = result.replayed
    ? 'already handled: nothing new written'
    : events.length === 0
      ? 'nothing to record'
      : events.map((e) => `${e.type}@${e.revision}`).join(', ')
  ctx.io.stdout.write(`${command.type} ${command.youthId} (command ${commandId}): ${what}\n`)
}

/** The comment to seal, when one was given. */
export const commentToSeal = (comment: string | undefined): ToSeal | undefined =>
  comment === undefined ? undefined : { field: 'comment', fields: { comment } }
